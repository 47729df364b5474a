import type { AdapterSummary } from '../types';

/**
 * Summarises a `GPUAdapter`'s info. Software rasterisers (SwiftShader, llvmpipe/lavapipe, WARP, a
 * fallback adapter) are flagged, because they are correct but slower than `wasm`.
 * @internal
 */
export function summarizeAdapter(adapter: GPUAdapter): AdapterSummary {
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const vendor = info?.vendor ?? '';
  const architecture = info?.architecture ?? '';
  const device = info?.device ?? '';
  const description = info?.description ?? '';
  const fallback =
    (info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined)?.isFallbackAdapter ===
      true || (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const software =
    fallback ||
    /swiftshader|llvmpipe|lavapipe|software|warp|basic render/i.test(
      `${architecture} ${device} ${description}`,
    );
  return { vendor, architecture, device, description, software };
}

/** `google swiftshader (SwiftShader driver 5.0.0), software` — for reasons and reports. @internal */
export function describeAdapter(a: AdapterSummary): string {
  const name = [a.vendor, a.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  return `${name}${a.description ? ` (${a.description})` : ''}${a.software ? ', software' : ''}`;
}
