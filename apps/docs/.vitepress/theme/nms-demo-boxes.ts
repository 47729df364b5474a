/** The playground's starting boxes (xyxy on a 400 × 300 canvas) and scores: two clusters and a loner. */
export const DEMO_BOXES: number[][] = [
  [40, 40, 170, 160],
  [55, 50, 185, 175],
  [70, 35, 190, 150],
  [220, 90, 340, 220],
  [235, 110, 360, 240],
  [250, 95, 345, 215],
  [120, 200, 210, 280],
];
export const DEMO_SCORES: number[] = [0.92, 0.85, 0.6, 0.88, 0.8, 0.55, 0.7];
