import { randomFillSync } from 'node:crypto';
import { parseTraceParent } from '@opentelemetry/core';

/** A parsed, valid `traceparent` (W3C Trace Context Level 1). */
export interface TraceParent {
  version: string;
  traceId: string;
  parentId: string;
  traceFlags: number;
}

/**
 * Parses a `traceparent` header per Trace Context Level 1 §3.2 / §4.3: lowercase hex only, version `ff`
 * invalid, all-zero trace/parent ids invalid, version `00` must be exactly 55 characters, a higher version
 * keeps its first three fields when the rest is separated by `-`. Repeated headers (an array, or Node's
 * comma-joined form) are invalid. Returns `undefined` for anything invalid — the caller starts a new trace.
 *
 * The field rules are OpenTelemetry's `parseTraceParent`; this wrapper adds the header-level checks it
 * leaves to the carrier.
 */
export function parseTraceparentHeader(header: string | string[] | undefined): TraceParent | undefined {
  if (typeof header !== 'string') return undefined;
  // Node trims optional whitespace; anything else (inner spaces, commas from joined duplicates) is invalid.
  if (header.length < 55 || header.length > 512 || /[\s,]/.test(header)) return undefined;
  const parsed = parseTraceParent(header);
  if (!parsed) return undefined;
  return {
    version: header.slice(0, 2),
    traceId: parsed.traceId,
    parentId: parsed.spanId,
    traceFlags: parsed.traceFlags & 0xff,
  };
}

// Random bytes drawn 4 KiB at a time: one randomBytes(16) call per request costs more than the rest of
// the trace-id work.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** A new random, valid W3C trace id (32 lowercase hex, not all zero). */
export function newTraceId(): string {
  for (;;) {
    const id = randomHex(16);
    if (id !== '00000000000000000000000000000000') return id;
  }
}

/** A new random, valid span id (16 lowercase hex, not all zero). */
export function newSpanId(): string {
  for (;;) {
    const id = randomHex(8);
    if (id !== '0000000000000000') return id;
  }
}

/** `traceparent`/`traceresponse` value for version 00. */
export function formatTraceparent(traceId: string, spanId: string, traceFlags: number): string {
  return `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}
