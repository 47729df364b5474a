import type * as tfl from '@tensorflow/tfjs-layers';

/** One layer of a {@link graphOf} graph and where its inputs come from. */
export interface GraphStep {
  readonly layer: tfl.layers.Layer;
  /** Earlier steps' indices, or -1 for the model's input. */
  readonly inputs: readonly number[];
}

interface SymbolicNode {
  inputTensors: tfl.SymbolicTensor[];
  outputTensors: tfl.SymbolicTensor[];
}

interface Walk {
  readonly steps: GraphStep[];
  readonly bound: Map<tfl.SymbolicTensor, number>;
}

const isModel = (layer: tfl.layers.Layer): layer is tfl.LayersModel & tfl.layers.Layer =>
  'layers' in layer && 'inputs' in layer && 'outputs' in layer;

/** A model as {@link GraphStep}s: `output` is the step whose value it returns (-1: its input). */
export interface Graph {
  readonly steps: readonly GraphStep[];
  readonly output: number;
}

/**
 * The layers of a model with one input and one output, in an order that runs each after its
 * inputs, each with the steps it reads: walked back from the output through the symbolic
 * tensors, so a layer shared with another model (`withGridPool`) is read at this model's own
 * call of it, and nested models are inlined (their input layers vanish). `null` for what this
 * cannot run step by step: several inputs or outputs, a layer with several outputs, a nested
 * model with several inputs or outputs.
 */
export function graphOf(model: tfl.LayersModel): Graph | null {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return null;
  const walk: Walk = { steps: [], bound: new Map([[model.inputs[0]!, -1]]) };
  const output = visit(model.outputs[0]!, walk);
  return output === null ? null : { steps: walk.steps, output };
}

function visit(t: tfl.SymbolicTensor, walk: Walk): number | null {
  const known = walk.bound.get(t);
  if (known !== undefined) return known;
  const layer = t.sourceLayer as tfl.layers.Layer;
  // an input layer not bound to the model's input: a second input
  if (layer.getClassName() === 'InputLayer') return null;
  const node = (layer as unknown as { inboundNodes: SymbolicNode[] }).inboundNodes[t.nodeIndex];
  if (!node || node.outputTensors.length !== 1) return null;
  const inputs: number[] = [];
  for (const input of node.inputTensors) {
    const at = visit(input, walk);
    if (at === null) return null;
    inputs.push(at);
  }
  let at: number | null;
  if (isModel(layer)) {
    if (layer.inputs.length !== 1 || layer.outputs.length !== 1 || inputs.length !== 1) return null;
    // each call of a nested model walks its graph afresh, bound to this call's input
    const inner: Walk = { steps: walk.steps, bound: new Map([[layer.inputs[0]!, inputs[0]!]]) };
    at = visit(layer.outputs[0]!, inner);
    if (at === null) return null;
  } else {
    walk.steps.push({ layer, inputs });
    at = walk.steps.length - 1;
  }
  walk.bound.set(t, at);
  return at;
}
