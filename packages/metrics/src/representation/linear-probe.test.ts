import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, loadGolden } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { linearProbe } from './linear-probe';

type Inputs = {
  train_embeddings: number[][];
  train_labels: number[];
  test_embeddings: number[][];
  test_labels: number[];
};
const golden = loadGolden('metrics_extra').cases.find(
  (c) => (c as { kind?: string }).kind === 'linear_probe',
)!;

describeWithBackends('linearProbe', () => {
  it('reaches scikit-learn’s multinomial logistic-regression optimum and its accuracy', async () => {
    const i = golden.inputs as Inputs;
    const { weight_decay } = golden.params as { weight_decay: number };
    const e = golden.expected as {
      objective: number;
      train_accuracy: number;
      test_accuracy: number;
    };
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    const r = await linearProbe(
      i.train_embeddings,
      i.train_labels,
      i.test_embeddings,
      i.test_labels,
      {
        epochs: 300,
        learningRate: 0.05,
        weightDecay: weight_decay,
        onEpochEnd: (epoch) => epochs.push(epoch),
      },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(epochs).toHaveLength(300);
    // a convex problem: Adam in float32 gets within 1e-4 of the lbfgs optimum, never below it
    expect(r.objective).toBeGreaterThan(e.objective - 1e-4);
    expect(r.objective - e.objective).toBeLessThan(1e-4);
    expect(r.trainAccuracy).toBeCloseTo(e.train_accuracy, 1);
    expect(Math.abs(r.testAccuracy - e.test_accuracy)).toBeLessThanOrEqual(1 / 80 + 1e-12);
  });

  it('lbfgs: reaches the optimum closer than Adam, in far fewer passes, with its accuracies', async () => {
    const i = golden.inputs as Inputs;
    const { weight_decay } = golden.params as { weight_decay: number };
    const e = golden.expected as {
      objective: number;
      train_accuracy: number;
      test_accuracy: number;
    };
    const before = tf.memory().numTensors;
    const iterations: number[] = [];
    const r = await linearProbe(
      i.train_embeddings,
      i.train_labels,
      i.test_embeddings,
      i.test_labels,
      { solver: 'lbfgs', weightDecay: weight_decay, onEpochEnd: (k) => iterations.push(k) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(iterations.length).toBeGreaterThan(0);
    expect(iterations.length).toBeLessThan(200);
    expect(r.history).toHaveLength(iterations.length);
    // float32 objective: within 1e-5 of scikit-learn's float64 lbfgs optimum
    expect(Math.abs(r.objective - e.objective)).toBeLessThan(1e-5);
    expect(r.trainAccuracy).toBeCloseTo(e.train_accuracy, 2);
    expect(r.testAccuracy).toBeCloseTo(e.test_accuracy, 2);
  });

  it('throws: an unknown solver, a bad iteration count, labels past numClasses', async () => {
    const i = golden.inputs as Inputs;
    const args = [i.train_embeddings, i.train_labels, i.test_embeddings, i.test_labels] as const;
    await expect(linearProbe(...args, { solver: 'sgd' as never })).rejects.toThrow(
      /solver must be 'adam' or 'lbfgs', got "sgd"/,
    );
    await expect(linearProbe(...args, { solver: 'lbfgs', maxIterations: 0 })).rejects.toThrow(
      /maxIterations/,
    );
    // a label at or above numClasses, for both solvers
    for (const solver of ['adam', 'lbfgs'] as const)
      await expect(linearProbe(...args, { solver, numClasses: 2 })).rejects.toThrow(
        /trainLabels must be below numClasses \(2\), got 2 at index \d+/,
      );
  });

  it('is leak-free with mini-batches: the same tensor count after 10 and 200 epochs', async () => {
    const i = golden.inputs as Inputs;
    const counts: number[] = [];
    await linearProbe(i.train_embeddings, i.train_labels, i.test_embeddings, i.test_labels, {
      epochs: 200,
      batchSize: 64,
      onEpochEnd: (epoch) => {
        if (epoch === 10 || epoch === 200) counts.push(tf.memory().numTensors);
      },
    });
    expect(counts[0]).toBe(counts[1]);
  });
});
