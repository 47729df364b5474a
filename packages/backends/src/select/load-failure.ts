import { firstLine } from './self-check';

/**
 * Why an optional peer package of a backend did not load, for the backend's reason: "not
 * installed: npm install <pkg>" when the module is missing (each backend is an optional peer
 * dependency of `@tessera/backends`, installed by the app that wants it), else its load error.
 * @internal
 */
export function loadFailure(pkg: string, error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  const text = firstLine(error);
  const missing =
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    (/Cannot find (module|package)|Failed to resolve module specifier/.test(text) &&
      text.includes(pkg));
  return missing
    ? `${pkg} is not installed (an optional peer dependency): npm install ${pkg}`
    : `${pkg} could not load: ${text}`;
}
