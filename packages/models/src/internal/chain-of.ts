import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * The model's layers in order when it is a chain — every layer feeding the next, one input, one
 * output — with nested chains flattened (their input layers kept), else `null`.
 */
export function chainOf(model: tfl.LayersModel): tfl.layers.Layer[] | null {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return null;
  const out: tfl.layers.Layer[] = [];
  let previous: tfl.layers.Layer | null = null;
  for (const layer of model.layers) {
    // a nested model has a node of its own graph and one in this model: one must follow `previous`
    const nodes = (layer as unknown as { inboundNodes: Array<{ inboundLayers: unknown[] }> })
      .inboundNodes;
    if (previous === null) {
      if (layer.getClassName() !== 'InputLayer') return null;
    } else if (!nodes.some((n) => n.inboundLayers.length === 1 && n.inboundLayers[0] === previous))
      return null;
    if ('layers' in layer && 'inputs' in layer) {
      const inner = chainOf(layer as unknown as tfl.LayersModel);
      if (!inner) return null;
      out.push(...inner);
    } else out.push(layer);
    previous = layer;
  }
  return previous === model.outputs[0]!.sourceLayer ? out : null;
}
