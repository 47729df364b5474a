import { SingleBar } from 'cli-progress';
import { formatSeconds } from '../pretrain/duration';
import type { ProgressEvent } from '../pretrain/types';

/**
 * Training progress in the terminal: a `cli-progress` bar on a TTY, otherwise (CI, pipes) one line
 * every `every` steps and on every checkpoint. @internal
 */
export function progressReporter({ every = 10, stream = process.stderr } = {}) {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  const bar = tty
    ? new SingleBar({
        format:
          'pretrain |{bar}| {percentage}% | step {step} | epoch {epoch} | loss {loss} | {ips} img/s | ETA {eta_text} | {backend}',
        stream,
        hideCursor: true,
        barsize: 24,
      })
    : null;
  let started = false;
  const onProgress = (e: ProgressEvent) => {
    if (e.type === 'step') {
      const payload = {
        step: e.step,
        epoch: e.epoch.toFixed(2),
        loss: e.loss.toFixed(4),
        ips: Math.round(e.imagesPerSecond),
        eta_text: formatSeconds(e.etaSeconds),
        backend: e.backend,
      };
      if (bar) {
        if (!started) bar.start(1000, 0, payload);
        started = true;
        bar.update(Math.round(1000 * e.fraction), payload);
      } else if (e.step % every === 0 || e.step === 1) {
        stream.write(
          `step ${e.step} | epoch ${payload.epoch} | loss ${payload.loss} | ${payload.ips} img/s | ${formatSeconds(e.elapsedSeconds)} elapsed, ETA ${payload.eta_text} | ${e.backend}\n`,
        );
      }
    } else if (!bar) {
      stream.write(
        `${e.type === 'checkpoint' ? 'checkpoint' : 'resumed from'} step ${e.step} (${e.location})\n`,
      );
    }
  };
  const stop = () => {
    if (bar && started) bar.stop();
  };
  return { onProgress, stop };
}
