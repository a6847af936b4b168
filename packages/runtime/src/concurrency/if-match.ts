/**
 * Optimistic concurrency on a resource's `version` column (RFC 9110 §8.8.3, §13.1.1; RFC 6585 §3):
 * - `entityTag(version)` — the strong `ETag` a read or write of the resource sends;
 * - `readIfMatch(request, { required })` — what `If-Match` asks for;
 * - `versionCondition` / `versionParam` — the check as part of the UPDATE/DELETE statement itself, so two
 *   writers holding the same tag cannot both succeed (no read-then-write window);
 * - `preconditionFailed(ifMatch, current)` — the answer when that statement matched no row of an existing
 *   resource: 412, or 428 when If-Match was required and not sent. A resource that does not exist stays 404
 *   (RFC 9110 §13.2.1: the answer without the condition comes first), so the 428 needs no early exit either.
 */
import type { FastifyRequest } from 'fastify';
import { problem, type ProblemError } from '../errors/problem.js';

/** Largest version a tag can name: the column is a PostgreSQL `integer`. */
const MAX_VERSION = 2_147_483_647;

/** What a conditional write may apply to. */
export interface IfMatch {
  /**
   * The versions the write may apply to, from the strong tags this service could have issued (weak tags and
   * foreign tags contribute none, so a list of only those matches nothing). `undefined`: any version — the
   * request sent no If-Match (it is optional) or sent `*`.
   */
  versions?: number[];
  /** The If-Match field as received (absent when the request had none). */
  header?: string;
  /** The operation requires If-Match and the request sent none: the write matches no row, the answer is 428. */
  missing?: true;
}

export interface ReadIfMatchOptions {
  /** The operation declares If-Match required: a request without it is refused with 428. */
  required?: boolean;
}

/** The strong entity tag of a resource at `version`: `"<version>"`. */
export function entityTag(version: number): string {
  if (!Number.isSafeInteger(version) || version < 1)
    throw new TypeError(`entityTag: version must be a positive integer, got ${String(version)}`);
  return `"${version}"`;
}

// #entity-tag, each [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3)
const MEMBER = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(,|$)/y;
const VERSION = /^[1-9][0-9]{0,9}$/;

function versionOf(opaque: string): number | undefined {
  if (!VERSION.test(opaque)) return undefined;
  const version = Number(opaque);
  return version <= MAX_VERSION ? version : undefined;
}

/** The entity tags of a list, `undefined` when it is not one (empty members are allowed, RFC 9110 §5.6.1). */
function entityTags(list: string): Array<{ weak: boolean; opaque: string }> | undefined {
  const tags: Array<{ weak: boolean; opaque: string }> = [];
  MEMBER.lastIndex = 0;
  while (MEMBER.lastIndex < list.length) {
    const at = MEMBER.lastIndex;
    const m = MEMBER.exec(list);
    if (!m || MEMBER.lastIndex === at) return undefined;
    if (m[2] !== undefined) tags.push({ weak: m[1] !== undefined, opaque: m[2] });
    if (m[3] === '') break;
  }
  return tags;
}

/**
 * Parses an If-Match field value (repeated fields joined by commas). `*` matches any current
 * representation; otherwise only strong tags of this service's form name versions. A weak tag never
 * matches (strong comparison), and a value that is not a list of entity tags matches nothing.
 */
export function parseIfMatch(value: string | string[] | undefined): IfMatch {
  if (value === undefined) return {};
  const header = Array.isArray(value) ? value.join(', ') : value;
  if (header.trim() === '*') return { header };
  const versions: number[] = [];
  for (const tag of entityTags(header) ?? []) {
    const version = tag.weak ? undefined : versionOf(tag.opaque);
    if (version !== undefined && !versions.includes(version)) versions.push(version);
  }
  return { versions, header };
}

/**
 * Reads the request's If-Match; every outcome is decided by the write itself (see `versionCondition`). When
 * `required` and the request has none, the write matches no row and `preconditionFailed` answers 428.
 */
export function readIfMatch(request: FastifyRequest, options: ReadIfMatchOptions = {}): IfMatch {
  const ifMatch = parseIfMatch(request.headers['if-match']);
  if (ifMatch.header === undefined || ifMatch.header.trim() === '')
    return options.required ? { versions: [], missing: true } : {};
  return ifMatch;
}

/**
 * The SQL condition "the row's version is one If-Match names", always true without a precondition; `$n` is
 * the parameter holding `versionParam(ifMatch)`. Put it in the WHERE clause of the UPDATE or DELETE so the
 * comparison and the write are one statement.
 */
export function versionCondition(param: number, column = 'version'): string {
  if (!Number.isInteger(param) || param < 1)
    throw new TypeError(`versionCondition: param must be a parameter number (1, 2, …), got ${String(param)}`);
  return `($${param}::integer[] IS NULL OR ${column} = ANY($${param}::integer[]))`;
}

/** The parameter value of `versionCondition`: the allowed versions, or null for any. */
export function versionParam(ifMatch: IfMatch): number[] | null {
  return ifMatch.versions ?? null;
}

/** True when `version` satisfies the precondition, as `versionCondition` decides it in SQL. */
export function matchesVersion(ifMatch: IfMatch, version: number): boolean {
  return ifMatch.versions === undefined || ifMatch.versions.includes(version);
}

/**
 * The problem for a conditional write that matched no row although the resource exists (`current` is its
 * version now, when known): 428 PRECONDITION_REQUIRED when If-Match was required and not sent, else 412
 * PRECONDITION_FAILED.
 */
export function preconditionFailed(ifMatch: IfMatch, current?: number): ProblemError {
  if (ifMatch.missing)
    return problem('PRECONDITION_REQUIRED', {
      detail: 'Send If-Match with the ETag of the resource as you last read it: this change requires it',
    });
  const now = current === undefined ? 'has changed' : `is now at ETag ${entityTag(current)}`;
  const why =
    ifMatch.header !== undefined && ifMatch.versions?.length === 0
      ? ' (only strong entity tags this service sent can match: a weak W/ tag never does)'
      : '';
  return problem('PRECONDITION_FAILED', {
    detail: `If-Match ${ifMatch.header ?? ''} does not match: the resource ${now}${why}; read it again and retry with its ETag`,
  });
}
