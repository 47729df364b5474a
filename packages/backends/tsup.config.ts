import { packageBuild } from '../../tsup.shared';

// Two entry points behind the `node` and `browser` export conditions: a browser bundle never sees
// the Node candidates (tfjs-node, Dawn, node:fs), which are imported lazily and may be missing.
export default packageBuild({
  entry: { 'index.node': 'src/index.node.ts', 'index.browser': 'src/index.browser.ts' },
  external: [/^@tensorflow\//, /^@tessera\//, 'webgpu'],
  // the declarations name WebGPU's global types (GPUAdapter): consumers get them from
  // @webgpu/types (a dependency) without adding it to their own tsconfig
  dts: { banner: '/// <reference types="@webgpu/types" />' },
});
