import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectTensorClose, loadGolden } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { prototypeClassifier } from './prototype-classifier';

describeWithBackends('prototypeClassifier (ProtoNet)', ({ epsilon }) => {
  for (const c of loadGolden('fewshot').cases.filter(
    (g) => (g.params as { kind: string }).kind === 'protonet_episode',
  )) {
    it(`matches the reference episode: ${c.name}`, () => {
      const support = c.inputs.support as number[][][]; // [way, shot, D]
      const query = (c.inputs.query as number[][][]).flat(); // [way · Q, D], row c·Q + j has label c
      const labels = support.flatMap((rows, k) => rows.map(() => k));
      const clf = prototypeClassifier(support.flat(), labels);
      const expected = c.expected as {
        prototypes: number[][];
        sq_distances: number[][];
        predictions: number[];
      };
      expectTensorClose(clf.prototypes, expected.prototypes, { atol: 10 * epsilon, rtol: 1e-6 });
      const logits = clf.logits(query);
      expectTensorClose(
        logits,
        expected.sq_distances.map((r) => r.map((v) => -v)),
        { atol: 100 * epsilon, rtol: 1e-5 },
      );
      const predicted = Array.from(clf.predict(query).dataSync());
      expect(predicted).toEqual(expected.predictions);
      tf.dispose(logits);
      clf.dispose();
    });
  }

  it('rejects a support set with a missing class', () => {
    expect(() =>
      prototypeClassifier(
        [
          [0, 1],
          [1, 0],
        ],
        [0, 2],
      ),
    ).toThrow(/class 1 has no support example/);
    expect(() => prototypeClassifier([[0, 1]], [0, 1])).toThrow(/one label per support row/);
  });
});
