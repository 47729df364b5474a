import type { AdapterSummary } from '../types';
import type { Candidate } from '../select/candidate';
import { loadFailure } from '../select/load-failure';

/**
 * WebGL 2 shaders (browser only). The renderer is read from `WEBGL_debug_renderer_info`: a
 * software renderer (SwiftShader, llvmpipe) is flagged like a software WebGPU adapter and ranks
 * below `wasm`, which is an order of magnitude faster than it. @internal
 */
export const webglCandidate: Candidate = {
  name: 'webgl',
  async prepare() {
    if (typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') {
      return { ok: false, reason: 'no canvas to create a WebGL context (not a browser)' };
    }
    const renderer = webglRenderer();
    if (renderer === null)
      return { ok: false, reason: 'this browser could not create a WebGL 2 context' };
    try {
      await import('@tensorflow/tfjs-backend-webgl');
      const software = /swiftshader|llvmpipe|software|basic render/i.test(
        `${renderer.vendor} ${renderer.renderer}`,
      );
      const adapter: AdapterSummary = {
        vendor: renderer.vendor,
        architecture: '',
        device: renderer.renderer,
        description: renderer.renderer,
        software,
      };
      return {
        ok: true,
        adapter,
        note: `WebGL 2 on ${renderer.renderer || 'an unknown renderer'}${software ? ', software' : ''}`,
      };
    } catch (e) {
      return { ok: false, reason: loadFailure('@tensorflow/tfjs-backend-webgl', e) };
    }
  },
};

function webglRenderer(): { vendor: string; renderer: string } | null {
  const canvas =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1)
      : document.createElement('canvas');
  const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const vendor = String(gl.getParameter(ext ? ext.UNMASKED_VENDOR_WEBGL : gl.VENDOR) ?? '');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { vendor, renderer };
}
