import { defineConfig } from 'vitepress';
import typedocSidebar from '../api/typedoc-sidebar.json';

// Guides are written by hand; the API pages are generated from the packages' TSDoc by TypeDoc
// (`pnpm docs:api`, run by docs:dev and docs:build) into ./api.
export default defineConfig({
  title: 'Tessera',
  description:
    'Representation learning with few or no labels in TensorFlow.js: contrastive and self-supervised pretraining, siamese and few-shot learning, detection utilities and evaluation metrics.',
  cleanUrls: true,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  // TypeDoc copies the root README (which the package READMEs link to) into api/_media; its links
  // point into the repository, not the site
  ignoreDeadLinks: [/^\.\/(packages|tests)\//],
  // workspace packages from their TypeScript sources, as the tests use them (no build needed)
  // The demos load tensors in the browser only; the server build (which renders the pages) still
  // sees the Node entry of @tessera/backends, whose optional native candidates stay unbundled.
  vite: {
    resolve: { conditions: ['@tessera/source'] },
    ssr: { external: ['@tensorflow/tfjs-node', 'webgpu'] },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Demos', link: '/demos/nms' },
      { text: 'Benchmarks', link: '/benchmarks' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/guide/': [
        {
          text: 'Start',
          items: [
            { text: 'Getting started', link: '/guide/getting-started' },
            { text: 'Backends', link: '/guide/backends' },
            { text: 'Training and evaluation', link: '/guide/training' },
            { text: 'The main job, measured', link: '/guide/main-job' },
            { text: 'Train on your own images', link: '/guide/own-images' },
            { text: 'From Node, Vite or a script tag', link: '/guide/usage' },
          ],
        },
        {
          text: 'Ideas',
          items: [
            {
              text: 'Contrastive learning: InstDisc to SimCLR and MoCo',
              link: '/guide/contrastive',
            },
            { text: 'CPC and CMC', link: '/guide/cpc-cmc' },
            { text: 'Augmentations and pretext tasks', link: '/guide/augmentation' },
            { text: 'Autoencoders, VAEs and GANs', link: '/guide/generative' },
            { text: 'Siamese networks and few-shot learning', link: '/guide/few-shot' },
            { text: 'Anchors, IoU and NMS', link: '/guide/anchors-iou-nms' },
            { text: 'Precision-recall, AP and COCO mAP', link: '/guide/pr-ap-coco' },
          ],
        },
      ],
      '/demos/': [
        {
          text: 'Demos',
          items: [
            { text: 'IoU and NMS playground', link: '/demos/nms' },
            { text: 'Precision-recall and AP', link: '/demos/pr-curve' },
            { text: 'Augmentation explorer', link: '/demos/augmentation' },
            { text: 'Train SimCLR in your browser', link: '/demos/simclr' },
            { text: 'Few-shot: draw a digit', link: '/demos/few-shot' },
          ],
        },
      ],
      '/api/': [{ text: 'API reference', items: typedocSidebar }],
    },
    search: { provider: 'local' },
  },
});
