/**
 * Classes from relative paths in torchvision's `ImageFolder` layout, as a folder chosen with
 * `<input type="file" webkitdirectory>` names its files (`photos/cats/1.jpg`): when every path has
 * a folder below the top one, that folder is the image's class (sorted names → ids 0, 1, …);
 * otherwise there are none. @internal
 */
export function classesFromPaths(
  paths: readonly string[],
): { labels: Int32Array; classNames: string[] } | Record<string, never> {
  const classOf = paths.map((p) => {
    const parts = p.split('/').filter((s) => s.length > 0);
    return parts.length >= 3 ? parts[1]! : null;
  });
  if (paths.length === 0 || classOf.some((c) => c === null)) return {};
  const classNames = [...new Set(classOf as string[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const id = new Map(classNames.map((n, i) => [n, i]));
  return { labels: Int32Array.from(classOf, (c) => id.get(c!)!), classNames };
}
