// The main job's few-shot protocol, shared by the few-shot benches: 5-way 1- and 5-shot prototypes
// on test digits 5–9, 15 queries, 600 episodes, episode seed 12345. Returns [1-shot, 5-shot]
// summaries ({ mean, halfWidth }) of `encoder`.
export async function mainJobFewShot(runner, encoder, train, test) {
  const { rows } = await runner.evaluateRepresentation({
    encoder,
    train,
    test,
    protocols: ['few-shot'],
    baselines: [],
    fewShot: {
      ways: 5,
      shots: [1, 5],
      queries: 15,
      episodes: 600,
      classes: [5, 6, 7, 8, 9],
      seed: 12345,
    },
  });
  return rows[0].fewShot;
}
