// The main job's evaluation protocol, shared by the few-shot benches: 5-way 1- and 5-shot prototypes
// on test digits 5–9, 15 queries, 600 episodes, episode seed 12345; with `withKnnLinear`, also the
// main job's kNN and linear probe (evaluateRepresentation's defaults, as `tessera evaluate` runs
// them). Returns { fewShot: [1-shot, 5-shot] summaries ({ mean, halfWidth }), knn?, linear? } of
// `encoder` (accuracies as fractions).
/** The main job's few-shot episodes: 5-way 1- and 5-shot on digits 5–9 (the recipe screens' too). */
export const FEW_SHOT = {
  ways: 5,
  shots: [1, 5],
  queries: 15,
  episodes: 600,
  classes: [5, 6, 7, 8, 9],
  seed: 12345,
};

export async function mainJobEvaluation(
  runner,
  encoder,
  train,
  test,
  { withKnnLinear = false } = {},
) {
  const { rows } = await runner.evaluateRepresentation({
    encoder,
    train,
    test,
    protocols: withKnnLinear ? ['knn', 'linear', 'few-shot'] : ['few-shot'],
    baselines: [],
    fewShot: FEW_SHOT,
  });
  const { fewShot, knn, linear } = rows[0];
  return { fewShot, knn, linear };
}

// Few-shot only: [1-shot, 5-shot] summaries.
export async function mainJobFewShot(runner, encoder, train, test) {
  return (await mainJobEvaluation(runner, encoder, train, test)).fewShot;
}
