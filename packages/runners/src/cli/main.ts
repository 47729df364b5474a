// The `tessera` command line.
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '@tessera/backends';
import { CheckpointError, InvalidArgumentError, TrainingError } from '@tessera/core';
import { version } from '../../package.json';
import { UsageError } from './args';
import { backendsCommand } from './commands/backends';
import { cocoEvalCommand } from './commands/coco-eval';
import { embedCommand } from './commands/embed';
import { evaluateCommand } from './commands/evaluate';
import { fewshotCommand } from './commands/fewshot';
import { mainCommand } from './commands/main-job';
import { pretrainCommand } from './commands/pretrain';
import { enableRelaxedSimd } from './relaxed-simd-flag';

const COMMANDS: Record<string, [(argv: string[]) => Promise<void>, string]> = {
  backends: [backendsCommand, 'which TensorFlow.js backend is used here, and why'],
  pretrain: [pretrainCommand, 'self-supervised pretraining on MNIST or your images (simclr, …)'],
  evaluate: [evaluateCommand, "kNN, linear probe and few-shot accuracy of a run's encoder"],
  fewshot: [fewshotCommand, "C-way K-shot accuracy of a run's encoder"],
  embed: [embedCommand, "a run's embeddings of any images, to CSV, JSON lines or .npy"],
  'coco-eval': [cocoEvalCommand, 'COCO bounding-box mAP, as pycocotools'],
  main: [mainCommand, 'the main job: SimCLR on MNIST, then the evaluation table'],
};

const HELP = `tessera — representation learning with few or no labels, on TensorFlow.js

Usage: tessera <command> [flags]   (tessera <command> --help for its flags)
       tessera --version

${Object.entries(COMMANDS)
  .map(([name, [, what]]) => `  ${name.padEnd(10)} ${what}`)
  .join('\n')}`;

async function main(argv: string[]): Promise<number> {
  // TF.js's production mode: no "install tfjs-node" banner — the CLI says which backend it uses
  // and why, and `tessera backends` lists what tfjs-node would need
  tf.env().set('PROD', true);
  enableRelaxedSimd();
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    console.log(version);
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  const entry = COMMANDS[command];
  if (!entry) {
    console.error(
      `tessera: unknown command ${JSON.stringify(command)}; commands: ${Object.keys(COMMANDS).join(', ')}.`,
    );
    return 2;
  }
  try {
    await entry[0](rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || InvalidArgumentError.isInstance(error)) {
      console.error(error.message);
      return 2;
    }
    if (BackendUnavailableError.isInstance(error)) {
      console.error(`tessera ${command}: ${error.message}`);
      return 1;
    }
    // training that cannot go on, or a checkpoint of another run: the message says which, no stack
    if (TrainingError.isInstance(error) || CheckpointError.isInstance(error)) {
      console.error(`tessera ${command}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
