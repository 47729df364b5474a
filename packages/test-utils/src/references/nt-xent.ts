import { dot, logSumExp, type Matrix, normalize } from './vector';

/**
 * NT-Xent from SimCLR's Algorithm 1, as loops: for each of the 2N anchors, −log of the softmax of
 * its positive over all other samples. Used to check the vectorised `ntXentLoss` on random inputs.
 */
export function ntXentReference(z1: Matrix, z2: Matrix, temperature: number): number {
  const z = [...z1, ...z2].map(normalize);
  const n = z1.length;
  let total = 0;
  for (let i = 0; i < 2 * n; i++) {
    const pos = (i + n) % (2 * n);
    const others: number[] = [];
    for (let k = 0; k < 2 * n; k++) if (k !== i) others.push(dot(z[i]!, z[k]!) / temperature);
    total += logSumExp(others) - dot(z[i]!, z[pos]!) / temperature;
  }
  return total / (2 * n);
}
