/**
 * Registers the `cpu` backend (the self-check's reference and the last candidate).
 *
 * A dynamic import on purpose: `@tensorflow/tfjs-backend-cpu`'s `sideEffects` list names its
 * browser entries but not its Node bundle (`main`), so a bundler that honours the list (esbuild
 * with `platform: 'node'`) drops a bare `import '@tensorflow/tfjs-backend-cpu'` and the backend is
 * never registered. A dynamic import is always kept.
 * @internal
 */
export async function loadCpuBackend(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
}
