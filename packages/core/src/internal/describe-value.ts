/**
 * Renders a value for an error message: numbers as JavaScript prints them (`NaN`, `-1`),
 * strings quoted, arrays of numbers in brackets, tensors by dtype and shape, other objects by type.
 * Long arrays are cut so a message stays one readable line.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value === 'function') return 'a function';
  if (isTensorLikeObject(value))
    return `a ${value.dtype} tensor of shape ${formatShape(value.shape)}`;
  if (Array.isArray(value)) return describeList(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const list = value as unknown as ArrayLike<number>;
    return `${value.constructor.name}(${list.length})`;
  }
  const ctor = (value as object).constructor?.name;
  return ctor && ctor !== 'Object' ? `a ${ctor}` : 'an object';
}

/** `[8,128]`, the way TF.js prints shapes. @internal */
export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '*' : String(d))).join(',')}]`;
}

function describeList(list: readonly unknown[]): string {
  const max = 8;
  const shown = list.slice(0, max).map((v) => (Array.isArray(v) ? '[…]' : describeValue(v)));
  return `[${shown.join(',')}${list.length > max ? `,… (${list.length} items)` : ''}]`;
}

function isTensorLikeObject(value: unknown): value is { dtype: string; shape: number[] } {
  const v = value as { dtype?: unknown; shape?: unknown; dataId?: unknown };
  return typeof v.dtype === 'string' && Array.isArray(v.shape) && v.dataId !== undefined;
}
