import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '@shipshape/cli-kit';
import { parse } from 'yaml';
import { isObject } from '../deref.js';
import { isRuleId } from '../rules/catalog.js';
import type { Downgrade } from '../settle.js';

/**
 * The nearest `shipshape.yaml` (the service descriptor) from `dir` upwards, stopping at the git
 * work tree's top (a folder with `.git`).
 */
export function findConfig(dir: string): string | undefined {
  for (let here = resolve(dir); ; here = dirname(here)) {
    const file = join(here, 'shipshape.yaml');
    if (existsSync(file)) return file;
    if (existsSync(join(here, '.git')) || dirname(here) === here) return undefined;
  }
}

/**
 * `diff.downgrades` of a service descriptor: each names a rule id, the class it drops to
 * (`warning` or `info`), the reason (required: a downgrade without one is refused) and optionally
 * the JSON pointer it is limited to.
 */
export function readDowngrades(file: string): Downgrade[] {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = isObject(doc) && isObject(doc.diff) ? doc.diff.downgrades : undefined;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new UsageError(`${file}: diff.downgrades must be a list`);
  return list.map((entry, i) => {
    const at = `${file}: diff.downgrades[${i}]`;
    if (!isObject(entry)) throw new UsageError(`${at} must be a mapping`);
    const { rule, to, reason, pointer } = entry;
    if (typeof rule !== 'string' || !isRuleId(rule))
      throw new UsageError(`${at}: unknown rule ${String(rule)}`);
    if (to !== 'warning' && to !== 'info') throw new UsageError(`${at}: to must be warning or info`);
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new UsageError(`${at}: a reason is required`);
    if (pointer !== undefined && (typeof pointer !== 'string' || !pointer.startsWith('/')))
      throw new UsageError(`${at}: pointer must be a JSON pointer (/...)`);
    return { rule, to, reason: reason.trim(), ...(pointer !== undefined ? { pointer } : {}) };
  });
}
