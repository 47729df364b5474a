import * as tfl from '@tensorflow/tfjs-layers';
import { ensureChainedOps } from '../internal/chained-ops';
import { assertCount, fail } from '../internal/fail';
import { TimeSlice } from './time-slice';

type T = tfl.SymbolicTensor;

/** Options of {@link cpcModel}. */
export interface CpcModelOptions {
  /**
   * The per-step encoder g_enc: a model from one step's input (a patch `[h, w, c]`, or a frame
   * `[features]`) to a vector `[dim]`.
   */
  encoder: tfl.LayersModel;
  /** Steps in a sequence (T). */
  sequenceLength: number;
  /** Units of the GRU context network g_ar. */
  contextUnits: number;
  /** How many future steps to predict (K ≥ 1, K < T). */
  predictionSteps: number;
}

/** What {@link cpcModel} returns. */
export interface CpcModel {
  /**
   * `[N, T, …step input]` → `[predictions, encodings]`, both `[N, K, dim]`: `W_k c_t` and `z_{t+k}`
   * for k = 1 … K, from the context at `t = T − K − 1` — the shapes `cpcLoss` takes.
   */
  readonly model: tfl.LayersModel;
  /** `[N, T, …]` → `[N, T, contextUnits]`: the context vectors c_t (the representation for downstream tasks). */
  readonly context: tfl.LayersModel;
  /** The position whose context predicts the future. */
  readonly contextStep: number;
}

/**
 * Contrastive predictive coding (van den Oord et al. 2018): an encoder turns each step of a
 * sequence into z_t, a GRU g_ar summarises z_≤t into c_t, and one linear map W_k per step ahead
 * predicts z_{t+k} from c_t; `cpcLoss` scores the predictions against the other sequences' z
 * (InfoNCE). Sequences are frames of a 1-D signal or the rows of an image's patch grid.
 *
 * @example
 * ```ts
 * const patch = convEncoder({ inputShape: [7, 7, 1], filters: [16, 32], embeddingDim: 32 });
 * const cpc = cpcModel({ encoder: patch, sequenceLength: 4, contextUnits: 64, predictionSteps: 2 });
 * const [predictions, encodings] = cpc.model.apply(patchRows, { training: true }) as tf.Tensor3D[];
 * const loss = cpcLoss(predictions, encodings);
 * ```
 * @category CPC
 */
export function cpcModel({
  encoder,
  sequenceLength,
  contextUnits,
  predictionSteps,
}: CpcModelOptions): CpcModel {
  const fn = 'cpcModel';
  if (
    !encoder ||
    !Array.isArray(encoder.inputs) ||
    encoder.inputs.length !== 1 ||
    encoder.outputs.length !== 1
  ) {
    fail(fn, 'encoder', 'encoder must be a tf.LayersModel with one input and one output.');
  }
  const out = encoder.outputs[0]!.shape;
  if (out.length !== 2)
    fail(
      fn,
      'encoder',
      `encoder must output a vector per step ([N, dim]), got [${out.join(', ')}].`,
    );
  assertCount(sequenceLength, fn, 'sequenceLength', 2);
  assertCount(contextUnits, fn, 'contextUnits');
  assertCount(predictionSteps, fn, 'predictionSteps');
  if (predictionSteps >= sequenceLength) {
    fail(
      fn,
      'predictionSteps',
      `predictionSteps must be < sequenceLength (${sequenceLength}), got ${predictionSteps}.`,
    );
  }
  const dim = out[1] as number;
  const stepShape = encoder.inputs[0]!.shape.slice(1) as number[];
  const input = tfl.input({ shape: [sequenceLength, ...stepShape] });
  const z = tfl.layers.timeDistributed({ layer: encoder, name: 'cpc_encode' }).apply(input) as T; // [N, T, dim]
  ensureChainedOps(); // the GRU's orthogonal initializer chains tensor methods
  const c = tfl.layers
    .gru({ units: contextUnits, returnSequences: true, name: 'cpc_context' })
    .apply(z) as T;
  const t = sequenceLength - predictionSteps - 1;
  const ct = tfl.layers.flatten().apply(new TimeSlice({ begin: t, size: 1 }).apply(c) as T) as T; // [N, units]
  const targets = new TimeSlice({ begin: t + 1, size: predictionSteps, name: 'cpc_targets' }).apply(
    z,
  ) as T;
  const steps = Array.from(
    { length: predictionSteps },
    (_, k) =>
      tfl.layers
        .reshape({ targetShape: [1, dim] })
        .apply(
          tfl.layers.dense({ units: dim, useBias: false, name: `cpc_W${k + 1}` }).apply(ct) as T,
        ) as T,
  );
  const predictions =
    steps.length === 1
      ? steps[0]!
      : (tfl.layers.concatenate({ axis: 1, name: 'cpc_predictions' }).apply(steps) as T);
  return {
    model: tfl.model({ inputs: input, outputs: [predictions, targets], name: 'cpc' }),
    context: tfl.model({ inputs: input, outputs: c, name: 'cpc_context_model' }),
    contextStep: t,
  };
}
