/** One representation's row of the evaluation table, as `evaluation.json` stores it. @category Report */
export interface ReportEvaluationRow {
  readonly name: string;
  readonly dim: number;
  /** Features the linear probe read, when more than `dim`. */
  readonly probeDim?: number;
  readonly knn?: number;
  readonly linear?: number;
  readonly fewShot?: ReadonlyArray<{
    readonly ways: number;
    readonly shots: number;
    readonly mean: number;
    readonly halfWidth: number;
    readonly episodes: number;
  }>;
}

/** A point of the embedding scatter. @category Report */
export interface ReportPoint {
  readonly x: number;
  readonly y: number;
  readonly label: number;
}

/** One IoU threshold's precision-recall curve (COCO: mean over categories, area all, largest maxDets). @category Report */
export interface ReportPrCurve {
  readonly iouThreshold: number;
  readonly recall: readonly number[];
  readonly precision: readonly number[];
}

/**
 * Everything a report can show; every section is optional and is left out when absent.
 * `tessera` builds it from a run folder (`config.json`, `train.json`, `evaluation.json`,
 * `embedding.json`) or from a COCO evaluation.
 * @category Report
 */
export interface ReportInput {
  readonly title: string;
  /** Shown as a two-column table (nested values as JSON). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** The backend and why it was chosen. */
  readonly backend?: { readonly name: string; readonly reason?: string };
  readonly training?: {
    readonly losses: readonly number[];
    /** Seconds of each step (for the throughput curve); may cover only the last steps after a resume. */
    readonly stepSeconds?: readonly number[];
    readonly batchSize?: number;
    readonly steps: number;
    readonly epochs?: number;
    readonly trainSeconds?: number;
    readonly timings?: Readonly<Record<string, number>>;
    /** A horizontal reference line on the loss curve, e.g. NT-Xent's chance level ln(2N − 1). */
    readonly chanceLoss?: number;
  };
  readonly evaluation?: {
    readonly rows: readonly ReportEvaluationRow[];
    readonly seconds?: number;
    readonly trainImages?: number;
    readonly testImages?: number;
    readonly fewShotClasses?: readonly number[];
    /**
     * `'held-out'` when pretraining saw none of the few-shot classes (few-shot learning of new
     * classes); `'seen-classes'` when it saw their unlabelled training images.
     */
    readonly fewShotProtocol?: 'held-out' | 'seen-classes';
    /** The classes of the images pretraining saw, when it saw a subset. */
    readonly pretrainClasses?: readonly number[];
  };
  readonly embedding?: {
    readonly points: readonly ReportPoint[];
    readonly explained?: readonly [number, number];
    /** What the points are, e.g. "2 000 test digits, pretrained encoder". */
    readonly caption?: string;
  };
  readonly coco?: {
    readonly statsByName: Readonly<Record<string, number>>;
    readonly curves: readonly ReportPrCurve[];
  };
  /** Extra lines shown under the title. */
  readonly notes?: readonly string[];
}
