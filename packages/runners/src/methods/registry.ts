// Every built-in method, registered once: its export (with its options type) and its name in
// METHODS. A new built-in method is its own file plus two lines here; the package's entries
// re-export this file whole.
import { byol } from './byol';
import { cmc } from './cmc';
import { cpc } from './cpc';
import { gan } from './gan';
import { autoencoder, vae } from './generative';
import { instdisc } from './instdisc';
import { moco } from './moco';
import { jigsaw } from './jigsaw';
import { relativePosition } from './relative-position';
import { rotation } from './rotation';
import { siamese } from './siamese';
import { simclr } from './simclr';
import { simsiam } from './simsiam';
import { supcon } from './supcon';
import { barlowTwins, vicreg } from './twin-losses';
import type { PretrainMethod } from './types';

export { byol, type ByolOptions } from './byol';
export { cmc, type CmcOptions } from './cmc';
export { cpc, type CpcOptions } from './cpc';
export { gan, type GanOptions } from './gan';
export { autoencoder, vae, type GenerativeOptions } from './generative';
export { instdisc, type InstdiscOptions } from './instdisc';
export { moco, type MocoOptions } from './moco';
export { jigsaw, type JigsawMethodOptions } from './jigsaw';
export { relativePosition, type RelativePositionMethodOptions } from './relative-position';
export { rotation } from './rotation';
export { siamese, type SiameseOptions } from './siamese';
export { simclr, type SimclrOptions } from './simclr';
export { simsiam, type SimsiamOptions } from './simsiam';
export { supcon, type SupconOptions } from './supcon';
export { barlowTwins, vicreg, type TwinOptions } from './twin-losses';

/**
 * Every built-in method by name. `pretrain({method})` takes one of these names or any
 * {@link PretrainMethod} object (a method of your own).
 * @category Methods
 */
export const METHODS = {
  simclr,
  instdisc,
  moco,
  cmc,
  cpc,
  supcon,
  siamese,
  byol,
  simsiam,
  'barlow-twins': barlowTwins,
  vicreg,
  rotation,
  jigsaw,
  'relative-position': relativePosition,
  autoencoder,
  vae,
  gan,
} as const satisfies Record<string, PretrainMethod<never>>;

/** A built-in method's name. @category Methods */
export type MethodName = keyof typeof METHODS;
