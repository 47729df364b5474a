/** 32-bit FNV-1a of some bytes (checkpoint integrity, not security). @internal */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Whether a checkpoint's data has the length and checksum its manifest says. @internal */
export function verifyCheckpoint(
  manifest: { byteLength: number; checksum: number },
  data: Uint8Array,
): boolean {
  return data.length === manifest.byteLength && fnv1a(data) === manifest.checksum;
}
