import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, toInt32Array } from '@tessera/core';
import type { TensorLike1D } from '@tessera/core';

/** Labels as given to the samplers: an int tensor, an `Int32Array` or a plain array. */
export type Labels = tf.Tensor1D | TensorLike1D;

/** Item indices per class, classes in ascending order. @internal */
export function groupByClass(
  labels: Labels,
  functionName: string,
): { labels: Int32Array; classes: number[]; members: Map<number, Int32Array> } {
  const values = toInt32Array(labels as tf.Tensor, { functionName, argument: 'labels' });
  if (values.length === 0) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'labels',
      detail: 'labels must not be empty, got 0 items.',
    });
  }
  const lists = new Map<number, number[]>();
  values.forEach((c, i) => {
    const list = lists.get(c);
    if (list) list.push(i);
    else lists.set(c, [i]);
  });
  const classes = [...lists.keys()].sort((a, b) => a - b);
  return {
    labels: values,
    classes,
    members: new Map(classes.map((c) => [c, Int32Array.from(lists.get(c) as number[])])),
  };
}
