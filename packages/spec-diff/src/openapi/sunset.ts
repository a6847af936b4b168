import { isObject } from '../deref.js';
import { obj, type Obj } from './common.js';

/**
 * The Sunset date (RFC 8594) an operation announces: `x-sunset`, or the value documented for a
 * `Sunset` response header (`schema.default` / `const` / `example`, or the header's `example`).
 */
export function sunsetOf(op: Obj): Date | undefined {
  const candidates: unknown[] = [op['x-sunset']];
  for (const response of Object.values(obj(op.responses))) {
    for (const [name, header] of Object.entries(obj(obj(response).headers))) {
      if (name.toLowerCase() !== 'sunset' || !isObject(header)) continue;
      const schema = obj(header.schema);
      candidates.push(schema.default, schema.const, schema.example, header.example);
    }
  }
  for (const value of candidates) {
    if (typeof value !== 'string' && !(value instanceof Date)) continue;
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return undefined;
}

/** Deprecated and past its Sunset date: removing it is announced, not a surprise. */
export const sunsetPassed = (op: unknown, now: Date): boolean => {
  if (!isObject(op) || op.deprecated !== true) return false;
  const sunset = sunsetOf(op);
  return sunset !== undefined && sunset.getTime() <= now.getTime();
};
