import { packageBuild } from '../../tsup.shared';

// `@tessera/models/node` (file-system handler) is its own entry so browser bundles never see node:fs.
export default packageBuild({ entry: ['src/index.ts', 'src/node.ts'] });
