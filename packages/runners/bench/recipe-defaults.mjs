// The recipe every screen of recipe-search.mjs starts from; a screen's --recipe JSON overrides
// fields of it. The docs' Benchmarks page reads it to show what each screen changed.
export const RECIPE_DEFAULTS = {
  filters: [32, 64, 128],
  downsample: [1],
  grid: 1,
  gridPool: 'average',
  method: 'simclr',
  temperature: 0.5,
  projectionDim: 128,
  batchSize: 256,
  lr: 1e-3,
  schedule: 'constant',
  warmup: 0,
  cropScale: 0.2,
  degrees: 10,
  jitter: 0.4,
  methodOptions: {},
  // also the second max-pool's map, averaged over the same grid, beside the last one
  multiLayer: false,
  // the side training views are resampled to (null: the images' 28)
  viewSize: null,
};
