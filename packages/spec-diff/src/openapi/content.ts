import { isObject, originOf } from '../deref.js';
import { emit } from '../rules/emit.js';
import { diffSchema } from '../schema/diff.js';
import { sub, type Where } from '../schema/context.js';
import { obj, type Obj, type Run } from './common.js';

/**
 * Media types of a request body / response and their schemas. `prefix` is the schema rule prefix
 * (`request`, `response`, `webhook`); media-type rules exist for requests and responses.
 */
export function diffContent(
  run: Run,
  [a, b]: [Obj, Obj],
  here: Where,
  prefix: 'request' | 'response' | 'webhook',
): void {
  // A shared response / request body component is compared once, where it is written.
  const at: Where = [originOf(a) ?? here[0], originOf(b) ?? here[1]];
  const key = `content ${prefix} ${at[0]} ${at[1]}`;
  if (run.done.has(key)) return;
  run.done.add(key);
  const [ca, cb] = [obj(a.content), obj(b.content)];
  const direction = prefix === 'request' ? 'input' : 'output';
  const media = prefix === 'webhook' ? undefined : prefix;
  for (const type of Object.keys(ca))
    if (!(type in cb) && media)
      emit(
        run.sink,
        `${media}-media-type-removed`,
        [sub(at, 'content', type)[0], sub(at, 'content')[1]],
        `media type ${type} removed`,
        true,
      );
  for (const type of Object.keys(cb)) {
    const p = sub(at, 'content', type);
    if (!(type in ca)) {
      if (media)
        emit(
          run.sink,
          `${media}-media-type-added`,
          [sub(at, 'content')[0], p[1]],
          `media type ${type} added`,
        );
      continue;
    }
    diffSchema(
      obj(ca[type]).schema,
      obj(cb[type]).schema,
      sub(p, 'schema'),
      direction,
      prefix,
      run.sink,
      run.done,
    );
  }
  if (prefix === 'response') diffHeaders(run, [a, b], at);
}

const headerMap = (response: Obj) =>
  new Map(
    Object.entries(obj(response.headers))
      .filter(([name, h]) => isObject(h) && name.toLowerCase() !== 'content-type')
      .map(([name, h]) => [name.toLowerCase(), { name, header: h as Obj }]),
  );

/** Response headers: clients rely on a required one being there, with the documented values. */
function diffHeaders(run: Run, [a, b]: [Obj, Obj], at: Where): void {
  const [ha, hb] = [headerMap(a), headerMap(b)];
  for (const [k, { name, header }] of ha) {
    if (hb.has(k)) continue;
    const rule = header.required === true ? 'response-header-removed' : 'response-header-optional-removed';
    emit(
      run.sink,
      rule,
      [sub(at, 'headers', name)[0], sub(at, 'headers')[1]],
      `response header ${name} removed`,
      true,
    );
  }
  for (const [k, { name, header }] of hb) {
    const old = ha.get(k);
    const p: Where = [
      old ? sub(at, 'headers', old.name)[0] : sub(at, 'headers')[0],
      sub(at, 'headers', name)[1],
    ];
    if (!old) {
      emit(run.sink, 'response-header-added', p, `response header ${name} added`);
      continue;
    }
    if (old.header.required === true && header.required !== true)
      emit(run.sink, 'response-header-became-optional', p, `response header ${name} became optional`);
    if (old.header.required !== true && header.required === true)
      emit(run.sink, 'response-header-became-required', p, `response header ${name} became required`);
    diffSchema(old.header.schema, header.schema, sub(p, 'schema'), 'output', 'response', run.sink, run.done);
  }
}
