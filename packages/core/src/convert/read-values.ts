import { flattenNested } from '../internal/flatten-nested';
import { isTensor } from '../internal/is-tensor';
import type { TensorLikeAny } from '../types';

/** Names used in conversion error messages. */
export interface ConvertOptions {
  /** The public function converting its input (starts error messages). Default: the converter's name. */
  functionName?: string;
  /** The argument being converted. Default `'x'`. */
  argument?: string;
}

/** Flat values of any input, reading tensors with `dataSync`. @internal */
export function readValuesSync(
  x: TensorLikeAny,
  functionName: string,
  argument: string,
): ArrayLike<number> {
  if (isTensor(x)) return x.dataSync() as ArrayLike<number>;
  return flatValues(x, functionName, argument);
}

/** Flat values of any input, reading tensors with `await data()`. @internal */
export async function readValuesAsync(
  x: TensorLikeAny,
  functionName: string,
  argument: string,
): Promise<ArrayLike<number>> {
  if (isTensor(x)) return (await x.data()) as ArrayLike<number>;
  return flatValues(x, functionName, argument);
}

function flatValues(x: TensorLikeAny, functionName: string, argument: string): ArrayLike<number> {
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) return x as unknown as ArrayLike<number>;
  return flattenNested(x, functionName, argument).values;
}
