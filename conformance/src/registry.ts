import type { GateId } from '@shipshape/contracts';
import type { CheckContext } from './context.js';
import type { Exchange } from './http.js';
import { AREAS, type Area, type Evidence } from './types.js';

export type Severity = 'error' | 'warning';
/** `standard`: what a public standard requires; `shipshape`: the house contract of generated services. */
export type Profile = 'standard' | 'shipshape';

/**
 * A verdict: pass, fail or skip, with one line of detail and the exchange that shows it. A failure's
 * severity tells a broken contract (`error`, the default) from a hardening hint (`warning`); a verdict
 * may lower or raise its check's default.
 */
export interface Verdict {
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  evidence?: Evidence | null;
  severity?: Severity;
}

/**
 * A check: a small named unit with a stable public id `<area>.<name>`, the readiness gate it
 * evidences, whether it writes (skipped under `--read-only`), what it needs from the spec, an
 * optional extra guard, and the body.
 */
export interface CheckDefinition {
  id: string;
  title: string;
  /** The readiness gate it evidences: a typed id of the @shipshape/contracts catalog (a typo is a compile error). */
  gate: GateId;
  /** Which contract the check judges (default `standard`); `--profile standard` skips `shipshape` ones. */
  profile?: Profile;
  /** How bad a failure is (default `error`). */
  severity?: Severity;
  /** True when the check creates, changes or deletes anything (skipped under `--read-only`). */
  writes: boolean;
  /** Spec facts the check needs; a missing one skips the check with the reason. */
  requires?: Requirement[];
  /** Runs after every other check (it judges what the whole run saw, e.g. a 429). */
  final?: boolean;
  /** Extra guard: return a skip reason when the check does not apply to this target. */
  appliesTo?: (ctx: CheckContext) => string | undefined;
  run: (ctx: CheckContext) => Promise<Verdict>;
}

export type Requirement = 'resource' | 'list' | 'create' | 'read' | 'update' | 'remove' | 'two-tenants';

export function areaOf(id: string): Area {
  return id.split('.')[0] as Area;
}

const ID = /^[a-z]+\.[a-z0-9_]+$/;

/** Checks a definition's shape so a user's check fails loudly at registration, not mid-run. */
export function defineCheck(def: CheckDefinition): CheckDefinition {
  if (!ID.test(def.id))
    throw new Error(`check id "${def.id}" must look like <area>.<name> (lower case, underscores)`);
  if (!(AREAS as readonly string[]).includes(areaOf(def.id))) {
    throw new Error(`check id "${def.id}" names an unknown area (known: ${AREAS.join(', ')})`);
  }
  if (!def.title || !def.gate) throw new Error(`check "${def.id}" needs a title and a gate`);
  return def;
}

const userChecks = new Map<string, CheckDefinition>();

/** Registers a check for every later run in this process (the way users add their own checks). */
export function registerCheck(def: CheckDefinition): void {
  userChecks.set(def.id, defineCheck(def));
}

export function registeredChecks(): CheckDefinition[] {
  return [...userChecks.values()];
}

/** Removes a registered check (tests use it to keep the registry clean). */
export function unregisterCheck(id: string): boolean {
  return userChecks.delete(id);
}

export function pass(detail: string, exchange?: Exchange): Verdict {
  return { status: 'pass', detail, evidence: exchange?.evidence() ?? null };
}

export function fail(detail: string, exchange?: Exchange, severity?: Severity): Verdict {
  const verdict: Verdict = { status: 'fail', detail, evidence: exchange?.evidence() ?? null };
  if (severity) verdict.severity = severity;
  return verdict;
}

export function skip(detail: string, exchange?: Exchange): Verdict {
  return { status: 'skip', detail, evidence: exchange?.evidence() ?? null };
}

/** Thrown inside a check to end it with a verdict (e.g. a prerequisite resource could not be made). */
export class VerdictSignal extends Error {
  constructor(readonly verdict: Verdict) {
    super(verdict.detail);
  }
}

/** Ends a check early as skipped: the check could not be made, which is not a finding. */
export function skipNow(detail: string, exchange?: Exchange): never {
  throw new VerdictSignal(skip(detail, exchange));
}

/** Short description of an exchange for details: `GET /x → 404 (application/problem+json)`. */
export function describe(exchange: Exchange): string {
  const path = exchange.request.url.replace(/^https?:\/\/[^/]+/, '');
  if (exchange.error) return `${exchange.request.method} ${path} → ${exchange.error}`;
  const type = String(exchange.headers['content-type'] ?? 'no content-type').split(';')[0];
  return `${exchange.request.method} ${path} → ${exchange.status} (${type})`;
}
