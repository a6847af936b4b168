import type { Created, Kit } from '../context.js';
import type { Exchange } from '../http.js';
import { observations, type Observed } from './observations.js';
import { provocations, type Provocation } from './provocations.js';
import { race } from './race.js';
import { traceProbe, type TraceProbe } from './trace-probe.js';

export type { Observed, Provocation, TraceProbe };
export { undocumentedMethod } from './provocations.js';

export type ProbeName = 'live' | 'ready' | 'health' | 'metrics';

/**
 * What the suite sends once per run and several checks judge: each accessor makes its requests on
 * first use and hands every later caller the same answer. Checks never send these themselves.
 */
export interface Stimuli {
  /** Every error the suite can provoke on this target (writing ones left out under --read-only). */
  provocations(): Promise<Provocation[]>;
  /** N parallel identical creates with one Idempotency-Key (the race and the 409 check). */
  race(): Promise<Exchange[]>;
  /** A resource of tenant A shared by read-only uses (never changed or deleted by checks). */
  sharedResource(): Promise<Created>;
  /** The schema area's exchanges: documented GETs, valid and invalid creates, updates. */
  observations(): Promise<Observed[]>;
  /** How the service shows its trace (skips the asking check when it shows none). */
  traceProbe(): Promise<TraceProbe>;
  /** A health probe answered without credentials. */
  probe(name: ProbeName): Promise<Exchange>;
}

/** Caches one promise per accessor: the first caller sends, every later one reads. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}

export function createStimuli(kit: Kit, preset: { live?: Exchange } = {}): Stimuli {
  const probes = new Map<ProbeName, () => Promise<Exchange>>();
  for (const name of ['live', 'ready', 'health', 'metrics'] as const) {
    const given = name === 'live' ? preset.live : undefined;
    probes.set(
      name,
      once(() =>
        given
          ? Promise.resolve(given)
          : kit.send({ method: 'GET', path: kit.config.health[name], as: { anonymous: true } }),
      ),
    );
  }
  return {
    provocations: once(() => provocations(kit)),
    race: once(() => race(kit)),
    sharedResource: once(() => kit.create(kit.tenantA, 'shared')),
    observations: once(() => observations(kit)),
    traceProbe: once(() => traceProbe(kit)),
    probe: (name) => probes.get(name)!(),
  };
}
