import { isObject } from '../deref.js';
import { emit } from '../rules/emit.js';
import { ptr } from '../pointer.js';
import type { Where } from '../schema/context.js';
import { obj, type Obj, type Run } from './common.js';

function signature(requirement: unknown): string {
  return JSON.stringify(
    Object.entries(obj(requirement))
      .map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : []])
      .sort(),
  );
}

/** The effective security of an operation (its own, else the document's), compared. */
export function diffSecurity(run: Run, ops: [Obj, Obj], at: Where): void {
  const [a, b] = run.docs;
  const effective = (root: Obj, op: Obj) =>
    Array.isArray(op.security) ? op.security : Array.isArray(root.security) ? root.security : [];
  const [sa, sb] = [effective(a, ops[0]), effective(b, ops[1])];
  const where: Where = [ptr(at[0], 'security'), ptr(at[1], 'security')];
  const anonymous = (list: unknown[]) =>
    list.length === 0 || list.some((r) => Object.keys(obj(r)).length === 0);
  if (anonymous(sa) && !anonymous(sb))
    return void emit(run.sink, 'security-added', where, 'authentication is now required');
  if (!anonymous(sa) && anonymous(sb))
    return void emit(run.sink, 'security-removed', where, 'authentication is no longer required');
  const [ka, kb] = [new Set(sa.map(signature)), new Set(sb.map(signature))];
  const [goneA, newB] = [sa.filter((r) => !kb.has(signature(r))), sb.filter((r) => !ka.has(signature(r)))];
  // The same schemes with other scopes: a scope change, not a requirement removed + added.
  const names = (r: unknown) => Object.keys(obj(r)).sort().join(' ');
  for (const old of [...goneA]) {
    const match = newB.find((r) => names(r) === names(old));
    if (!match) continue;
    goneA.splice(goneA.indexOf(old), 1);
    newB.splice(newB.indexOf(match), 1);
    for (const [scheme, scopes] of Object.entries(obj(match))) {
      const before = new Set(Array.isArray(obj(old)[scheme]) ? (obj(old)[scheme] as unknown[]) : []);
      const after = new Set(Array.isArray(scopes) ? scopes : []);
      const added = [...after].filter((x) => !before.has(x));
      const removed = [...before].filter((x) => !after.has(x));
      if (added.length)
        emit(run.sink, 'security-scope-added', where, `${scheme}: scope(s) ${added.join(', ')} now required`);
      if (removed.length)
        emit(
          run.sink,
          'security-scope-removed',
          where,
          `${scheme}: scope(s) ${removed.join(', ')} no longer required`,
        );
    }
  }
  for (const r of goneA)
    emit(
      run.sink,
      'security-requirement-removed',
      where,
      `security requirement ${signature(r)} removed`,
      true,
    );
  for (const r of newB)
    emit(run.sink, 'security-requirement-added', where, `security requirement ${signature(r)} added`);
}

/** Security schemes the new document still defines must mean the same thing. */
export function diffSecuritySchemes(run: Run): void {
  const [a, b] = run.docs;
  const [ka, kb] = [obj(obj(a.components).securitySchemes), obj(obj(b.components).securitySchemes)];
  for (const [name, scheme] of Object.entries(kb)) {
    const old = ka[name];
    if (!isObject(old) || !isObject(scheme)) continue;
    for (const field of ['type', 'scheme', 'in', 'name', 'bearerFormat', 'openIdConnectUrl'] as const) {
      if (old[field] === scheme[field]) continue;
      const p = ptr('/components/securitySchemes', name, field);
      emit(
        run.sink,
        'security-scheme-changed',
        [p, p],
        `security scheme ${name}: ${field} ${String(old[field])} → ${String(scheme[field])}`,
      );
    }
  }
}
