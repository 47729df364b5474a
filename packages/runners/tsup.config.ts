import { packageBuild } from '../../tsup.shared';

// `node` entry adds the file-system checkpoint store; `browser` entry never imports Node modules.
// `cli` is the `tessera` bin (ESM only, with its shebang).
export default [
  packageBuild({
    entry: { 'index.node': 'src/index.node.ts', 'index.browser': 'src/index.browser.ts' },
  }),
  packageBuild({
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
];
