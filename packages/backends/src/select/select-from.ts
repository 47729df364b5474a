import { setBackend } from '@tensorflow/tfjs-core';
import { assertOneOf, InvalidArgumentError } from '@tessera/core';
import { BackendUnavailableError } from '../backend-unavailable-error';
import type {
  AdapterSummary,
  BackendChoice,
  BackendName,
  BackendReason,
  SelectBackendOptions,
} from '../types';
import { recordChoice } from './state';
import type { Candidate, Prepared } from './candidate';
import { firstLine, selfCheck } from './self-check';

const FN = 'selectBackend';

/**
 * The selection loop behind both entry points: tries `candidates` in order (after `prefer`,
 * filtered by `allow`/`exclude`), returns the first that prepares, activates and passes the
 * self-check, and records a reason for every candidate. A software WebGPU adapter moves to just
 * after `wasm` unless `allowSoftware` or `force` say otherwise.
 * @internal
 */
export async function selectFrom(
  candidates: readonly Candidate[],
  options: SelectBackendOptions,
  forceSource: 'force' | 'TESSERA_BACKEND' = 'force',
): Promise<BackendChoice> {
  const byName = new Map(candidates.map((c) => [c.name, c]));
  const platform = candidates.map((c) => c.name);
  const {
    prefer = [],
    allow,
    exclude = [],
    allowSoftware = false,
    force,
    selfCheck: check = true,
  } = options;
  for (const [arg, list] of [
    ['prefer', prefer],
    ['allow', allow ?? []],
    ['exclude', exclude],
  ] as const) {
    list.forEach((b, i) => assertOneOf(b, platform, FN, `${arg}[${i}]`));
  }
  if (force !== undefined) assertOneOf(force, platform, FN, forceSource);

  const order: BackendName[] =
    force !== undefined
      ? [force]
      : [...new Set([...prefer, ...platform])].filter(
          (b) => (allow ? allow.includes(b) : true) && !exclude.includes(b),
        );
  if (order.length === 0) {
    throw new InvalidArgumentError({
      functionName: FN,
      argument: 'allow',
      detail: `allow and exclude leave no backend to try (platform order: ${platform.join(', ')}).`,
    });
  }

  const reasons: BackendReason[] = [];
  const deferred = new Set<BackendName>();
  const preparedOnce = new Map<BackendName, Prepared>();
  const queue = [...order];
  while (queue.length > 0) {
    const name = queue.shift() as BackendName;
    const prepared =
      preparedOnce.get(name) ?? (await (byName.get(name) as Candidate).prepare(options));
    preparedOnce.set(name, prepared);
    if (!prepared.ok) {
      reasons.push({ backend: name, used: false, reason: prepared.reason });
      continue;
    }
    if (
      prepared.adapter?.software &&
      !allowSoftware &&
      force === undefined &&
      !deferred.has(name)
    ) {
      const at = queue.indexOf('wasm');
      if (at >= 0) {
        queue.splice(at + 1, 0, name);
        deferred.add(name);
        continue;
      }
    }
    const { failure, note } = await activate(name, check, byName.get(name) as Candidate);
    if (failure !== null) {
      reasons.push({ backend: name, used: false, reason: failure });
      continue;
    }
    reasons.push({
      backend: name,
      used: true,
      reason: successReason(
        [prepared.note, note].filter(Boolean).join('; ') || undefined,
        check,
        deferred.has(name),
      ),
    });
    for (const rest of queue.filter((b) => b !== name)) {
      const ranked = deferred.has(rest)
        ? `${preparedOnce.get(rest)?.ok ? softwareNote(preparedOnce.get(rest)) : ''}ranked below wasm; `
        : '';
      reasons.push({
        backend: rest,
        used: false,
        reason: `${ranked}not tried: '${name}' was chosen first`,
      });
    }
    const choice = withAdapter({ name, reasons }, prepared.adapter);
    recordChoice(choice);
    return choice;
  }
  const what =
    force !== undefined ? `${forceSource}=${force} could not start` : 'no backend could start';
  const detail = reasons.map((r) => `  ${r.backend}: ${r.reason}`).join('\n');
  throw new BackendUnavailableError(`${FN}: ${what}.\n${detail}`, reasons);
}

async function activate(
  name: BackendName,
  check: boolean,
  candidate: Candidate,
): Promise<{ failure: string | null; note?: string }> {
  try {
    if (!(await setBackend(name)))
      return { failure: `tf.setBackend('${name}') failed to initialise it` };
  } catch (e) {
    return { failure: `initialisation failed: ${firstLine(e)}` };
  }
  const note = await candidate.activated?.();
  return { failure: check ? await selfCheck(name) : null, ...(note ? { note } : {}) };
}

function successReason(note: string | undefined, checked: boolean, deferred: boolean): string {
  const parts = [note ?? 'initialised'];
  if (deferred) parts.push('a software adapter, tried after wasm');
  parts.push(
    checked ? 'passed the self-check (matmul and conv2d gradient match cpu)' : 'self-check skipped',
  );
  return parts.join('; ');
}

function withAdapter(
  choice: { name: BackendName; reasons: BackendReason[] },
  adapter: AdapterSummary | undefined,
): BackendChoice {
  return adapter ? { ...choice, adapter } : choice;
}

function softwareNote(prepared: Prepared | undefined): string {
  return prepared?.ok && prepared.note
    ? `${prepared.note} — a software adapter, `
    : 'a software adapter, ';
}
