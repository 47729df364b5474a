import type { Matrix } from '../internal/read-matrix';

/** How {@link evaluateRetrieval} compares embeddings. @category Retrieval */
export type RetrievalSimilarity = 'cosine' | 'euclidean';

/**
 * For query `q`, the gallery indices ranked best first — by dot product descending (cosine, on
 * rows already unit-normalised by {@link normalizeRows}) or by Euclidean distance ascending, ties
 * by lower index (a stable sort) — without `exclude`. @internal
 */
export function rankGallery(
  queries: Matrix,
  q: number,
  gallery: Matrix,
  similarity: RetrievalSimilarity,
  exclude: number,
): Int32Array {
  const D = queries.cols;
  const G = gallery.rows;
  const key = new Float64Array(G); // smaller is better
  const qa = q * D;
  for (let g = 0; g < G; g++) {
    const ga = g * D;
    if (similarity === 'cosine') {
      let dot = 0;
      for (let c = 0; c < D; c++)
        dot += (queries.data[qa + c] as number) * (gallery.data[ga + c] as number);
      key[g] = -dot;
    } else {
      let s = 0;
      for (let c = 0; c < D; c++) {
        const d = (queries.data[qa + c] as number) - (gallery.data[ga + c] as number);
        s += d * d;
      }
      key[g] = Math.sqrt(s);
    }
  }
  const order = new Int32Array(exclude >= 0 && exclude < G ? G - 1 : G);
  for (let g = 0, j = 0; g < G; g++) if (g !== exclude) order[j++] = g;
  return order.sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
}

/** Rows divided by their L2 norm (at least 1e-12, F.normalize's floor), as a new matrix. @internal */
export function normalizeRows(m: Matrix): Matrix {
  const data = new Float64Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let c = 0; c < m.cols; c++) s += (m.data[r * m.cols + c] as number) ** 2;
    const norm = Math.max(Math.sqrt(s), 1e-12);
    for (let c = 0; c < m.cols; c++)
      data[r * m.cols + c] = (m.data[r * m.cols + c] as number) / norm;
  }
  return { data, rows: m.rows, cols: m.cols };
}
