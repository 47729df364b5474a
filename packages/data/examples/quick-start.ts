import { classBalancedSampler, episodeSampler, loadMnist } from '@tessera/data';

const { labels, shape } = await loadMnist({ split: 'test', classes: [5, 6, 7, 8, 9] });
console.log('test digits 5-9:', shape.join('x'));

const episode = episodeSampler({ labels, ways: 5, shots: 1, queries: 2, seed: 1 }).sample();
console.log('episode classes:', episode.classes.join(' '));
console.log('query labels:', episode.queryLabels.join(' '));

const pk = classBalancedSampler({ labels, classesPerBatch: 4, samplesPerClass: 2 }).sample();
console.log('P×K batch labels:', Array.from(pk, (i) => labels[i]).join(' '));
