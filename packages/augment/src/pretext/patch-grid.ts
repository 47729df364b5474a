import type { Rng } from '@tessera/core';
import type { CropBox } from '../ops/crop-box';
import { randint } from '../internal/sampling';
import { fail } from '../internal/validate';

/** How an image is cut into a grid of patches separated by gaps. @internal */
export interface PatchGrid {
  readonly grid: number;
  readonly cellH: number;
  readonly cellW: number;
  readonly patchH: number;
  readonly patchW: number;
  readonly gap: number;
  readonly jitter: number;
}

/**
 * A `grid × grid` layout of `height × width` images: cells of ⌊H/grid⌋ × ⌊W/grid⌋, patches `gap`
 * pixels smaller than the cells (default a quarter of the cell, at least 1, when the cell has room),
 * each placed at the cell's centre moved by up to `jitter` pixels (default ⌊gap/2⌋).
 * @internal
 */
export function patchGrid(
  height: number,
  width: number,
  { grid, gap, jitter }: { grid: number; gap?: number; jitter?: number },
  functionName: string,
): PatchGrid {
  if (!Number.isInteger(grid) || grid < 2)
    fail(functionName, 'grid', `grid must be an integer >= 2, got ${grid}.`);
  const cellH = Math.floor(height / grid);
  const cellW = Math.floor(width / grid);
  const cell = Math.min(cellH, cellW);
  if (cell < 1)
    fail(functionName, 'grid', `grid ${grid} does not fit the ${height}×${width} images.`);
  const g = gap ?? (cell >= 4 ? Math.max(1, Math.round(cell / 4)) : 0);
  if (!Number.isInteger(g) || g < 0 || g >= cell) {
    fail(
      functionName,
      'gap',
      `gap must be an integer in [0, ${cell - 1}] for cells of ${cellH}×${cellW}, got ${gap}.`,
    );
  }
  const j = jitter ?? Math.floor(g / 2);
  if (!Number.isInteger(j) || j < 0 || 2 * j > g) {
    fail(
      functionName,
      'jitter',
      `jitter must be an integer in [0, ${Math.floor(g / 2)}] (half the gap), got ${jitter}.`,
    );
  }
  return { grid, cellH, cellW, patchH: cellH - g, patchW: cellW - g, gap: g, jitter: j };
}

/** The crop box of the patch in cell (row, col), moved by a random jitter. @internal */
export function patchBox(layout: PatchGrid, row: number, col: number, rng: Rng | null): CropBox {
  const { cellH, cellW, patchH, patchW, gap, jitter } = layout;
  const base = Math.floor(gap / 2);
  const dy = rng && jitter ? randint(rng, -jitter, jitter + 1) : 0;
  const dx = rng && jitter ? randint(rng, -jitter, jitter + 1) : 0;
  return [row * cellH + base + dy, col * cellW + base + dx, patchH, patchW];
}
