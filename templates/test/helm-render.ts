/**
 * A small renderer for the subset of Helm's Go templates the generated chart uses, so the specs can check the
 * rendered Kubernetes objects on machines without `helm` (none can be installed here, and npm has no
 * maintained implementation of Go's text/template with Sprig). It is deliberately strict: an action, function
 * or field it does not know throws, so a chart change beyond this subset fails the specs loudly instead of
 * passing unchecked — extend the subset, or run the `helm template` spec where helm is on PATH.
 *
 * Supported: `{{ }}` with `{{-`/`-}}` trimming, comments, `define`/`include`/`template`, `if`/`else if`/`else`,
 * `with`, `range` (lists and maps, with `$k, $v :=`), variable declarations, pipelines with parentheses, and
 * the functions in FUNCTIONS below.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';

type Value = unknown;
interface Scope {
  dot: Value;
  root: Value;
  vars: Map<string, Value>;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipeline: string; decl?: string[] }
  | { kind: 'if'; branches: { cond: string; body: Node[] }[]; otherwise: Node[] }
  | { kind: 'with'; pipeline: string; body: Node[]; otherwise: Node[] }
  | { kind: 'range'; pipeline: string; vars: string[]; body: Node[]; otherwise: Node[] };

interface Token {
  text?: string;
  action?: string;
}

/** Split into text and actions, applying the `{{-` / `-}}` whitespace trimming. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let trimNext = false;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    let text = source.slice(i, open === -1 ? source.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    trimNext = false;
    if (open === -1) {
      tokens.push({ text });
      break;
    }
    const close = source.indexOf('}}', open);
    if (close === -1) throw new Error(`unclosed action at ${open}`);
    let inner = source.slice(open + 2, close);
    if (inner.startsWith('-')) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(1);
    }
    if (inner.endsWith('-')) {
      trimNext = true;
      inner = inner.slice(0, -1);
    }
    tokens.push({ text });
    inner = inner.trim();
    if (!(inner.startsWith('/*') && inner.endsWith('*/'))) tokens.push({ action: inner });
    i = close + 2;
  }
  return tokens.filter((t) => t.action !== undefined || t.text !== '');
}

/** Parse tokens into a tree; `define` blocks go to `defines`. */
function parse(tokens: Token[], defines: Map<string, Node[]>): Node[] {
  let pos = 0;
  const block = (stopAt: RegExp): { nodes: Node[]; stop: string } => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++];
      if (t.text !== undefined) {
        nodes.push({ kind: 'text', text: t.text });
        continue;
      }
      const a = t.action!;
      if (stopAt.test(a)) return { nodes, stop: a };
      let m: RegExpExecArray | null;
      if ((m = /^define\s+"([^"]+)"$/.exec(a))) {
        defines.set(m[1], block(/^end$/).nodes);
      } else if ((m = /^if\s+(.+)$/.exec(a))) {
        const branches = [{ cond: m[1], body: [] as Node[] }];
        let otherwise: Node[] = [];
        for (;;) {
          const r = block(/^(else( if .+)?|end)$/);
          branches[branches.length - 1].body = r.nodes;
          if (r.stop === 'end') break;
          const elseIf = /^else if\s+(.+)$/.exec(r.stop);
          if (elseIf) branches.push({ cond: elseIf[1], body: [] });
          else {
            otherwise = block(/^end$/).nodes;
            break;
          }
        }
        nodes.push({ kind: 'if', branches, otherwise });
      } else if ((m = /^with\s+(.+)$/.exec(a))) {
        const r = block(/^(else|end)$/);
        nodes.push({
          kind: 'with',
          pipeline: m[1],
          body: r.nodes,
          otherwise: r.stop === 'else' ? block(/^end$/).nodes : [],
        });
      } else if ((m = /^range\s+(?:(\$\w+)(?:\s*,\s*(\$\w+))?\s*:=\s*)?(.+)$/.exec(a))) {
        const r = block(/^(else|end)$/);
        nodes.push({
          kind: 'range',
          pipeline: m[3],
          vars: [m[1], m[2]].filter((v): v is string => v !== undefined),
          body: r.nodes,
          otherwise: r.stop === 'else' ? block(/^end$/).nodes : [],
        });
      } else if ((m = /^(\$\w+)\s*:?=\s*(.+)$/.exec(a))) {
        nodes.push({ kind: 'action', pipeline: m[2], decl: [m[1]] });
      } else if (/^(end|else)/.test(a)) {
        throw new Error(`unexpected {{ ${a} }}`);
      } else {
        nodes.push({ kind: 'action', pipeline: a });
      }
    }
    if (stopAt.source !== '$^') throw new Error(`missing {{ end }} (wanted ${stopAt})`);
    return { nodes, stop: '' };
  };
  return block(/$^/).nodes;
}

/** Go's truthiness. */
function truthy(v: Value): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function str(v: Value): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object')
    throw new Error(`cannot print a ${Array.isArray(v) ? 'list' : 'map'} without toYaml`);
  return String(v);
}

function field(base: Value, path: string[], expr: string): Value {
  let v = base;
  for (const key of path) {
    if (v === undefined || v === null) return undefined; // Go: nil map access yields <no value>
    if (typeof v !== 'object') throw new Error(`${expr}: ${key} of a ${typeof v}`);
    v = (v as Record<string, Value>)[key];
  }
  return v;
}

export interface HelmContext {
  Values: Record<string, unknown>;
  Chart: { Name: string; Version: string; AppVersion: string };
  Release: { Name: string; Namespace: string; Service: string };
}

export class HelmRenderer {
  private readonly defines = new Map<string, Node[]>();
  private readonly files = new Map<string, Node[]>();

  /** `templates` by name as Helm names them (`<chart>/templates/<file>`). */
  constructor(templates: Record<string, string>) {
    for (const [name, source] of Object.entries(templates)) {
      this.files.set(name, parse(tokenize(source), this.defines));
    }
  }

  render(name: string, context: HelmContext): string {
    const nodes = this.files.get(name);
    if (!nodes) throw new Error(`no template ${name}`);
    const root = { ...context, Template: { Name: name, BasePath: name.slice(0, name.lastIndexOf('/')) } };
    return this.exec(nodes, { dot: root, root, vars: new Map([['$', root]]) });
  }

  private exec(nodes: Node[], scope: Scope): string {
    let out = '';
    for (const n of nodes) {
      switch (n.kind) {
        case 'text':
          out += n.text;
          break;
        case 'action': {
          const v = this.pipeline(n.pipeline, scope);
          if (n.decl) scope.vars.set(n.decl[0], v);
          else out += str(v);
          break;
        }
        case 'if': {
          const branch = n.branches.find((b) => truthy(this.pipeline(b.cond, scope)));
          out += this.exec(branch ? branch.body : n.otherwise, scope);
          break;
        }
        case 'with': {
          const v = this.pipeline(n.pipeline, scope);
          out += truthy(v) ? this.exec(n.body, { ...scope, dot: v }) : this.exec(n.otherwise, scope);
          break;
        }
        case 'range': {
          const v = this.pipeline(n.pipeline, scope);
          const entries: [Value, Value][] = Array.isArray(v)
            ? v.map((x, i) => [i, x])
            : v && typeof v === 'object'
              ? Object.keys(v)
                  .sort() // Go ranges over map keys in sorted order
                  .map((k) => [k, (v as Record<string, Value>)[k]])
              : [];
          if (entries.length === 0) out += this.exec(n.otherwise, scope);
          for (const [k, x] of entries) {
            const vars = new Map(scope.vars);
            if (n.vars.length === 1) vars.set(n.vars[0], x);
            if (n.vars.length === 2) {
              vars.set(n.vars[0], k);
              vars.set(n.vars[1], x);
            }
            out += this.exec(n.body, { ...scope, dot: x, vars });
          }
          break;
        }
      }
    }
    return out;
  }

  private pipeline(source: string, scope: Scope): Value {
    const stages = splitTop(source, '|');
    let value: Value;
    stages.forEach((stage, i) => {
      value = this.command(stage.trim(), scope, i === 0 ? undefined : [value]);
    });
    return value;
  }

  private command(source: string, scope: Scope, piped: Value[] | undefined): Value {
    const terms = splitTerms(source);
    if (terms.length === 0) throw new Error(`empty command in "${source}"`);
    const [head, ...rest] = terms;
    if (/^[a-zA-Z]\w*$/.test(head) && !['true', 'false', 'nil'].includes(head)) {
      const args = rest.map((t) => this.operand(t, scope));
      return this.call(head, piped ? [...args, ...piped] : args, scope);
    }
    if (terms.length !== 1 || piped) throw new Error(`cannot apply "${source}" as a function`);
    return this.operand(head, scope);
  }

  private operand(term: string, scope: Scope): Value {
    if (term.startsWith('(') && term.endsWith(')')) return this.pipeline(term.slice(1, -1), scope);
    if (term.startsWith('"')) return JSON.parse(term) as string;
    if (/^-?\d+$/.test(term)) return Number(term);
    if (term === 'true' || term === 'false') return term === 'true';
    if (term === 'nil') return null;
    if (term === '.') return scope.dot;
    if (term.startsWith('.')) return field(scope.dot, term.slice(1).split('.'), term);
    if (term.startsWith('$')) {
      const [name, ...path] = term.split('.');
      if (!scope.vars.has(name)) throw new Error(`undefined variable ${name}`);
      return field(scope.vars.get(name), path, term);
    }
    throw new Error(`unsupported operand ${term}`);
  }

  private call(name: string, args: Value[], scope: Scope): Value {
    if (name === 'include' || name === 'template') {
      const [tpl, ctx] = args;
      const body = this.defines.get(String(tpl)) ?? this.files.get(String(tpl));
      if (!body) throw new Error(`include of unknown template "${String(tpl)}"`);
      return this.exec(body, { dot: ctx, root: scope.root, vars: new Map([['$', ctx]]) });
    }
    const fn = FUNCTIONS[name];
    if (!fn) throw new Error(`unsupported function ${name}`);
    return fn(...args);
  }
}

/** Split on `sep` outside quotes and parentheses. */
function splitTop(source: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let current = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') current += c + source[++i];
      else {
        if (c === '"') quote = false;
        current += c;
      }
      continue;
    }
    if (c === '"') quote = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    if (c === sep && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Split a command into terms: words, quoted strings and parenthesised pipelines. */
function splitTerms(source: string): string[] {
  return splitTop(source.replace(/\s+/g, ' ').trim(), ' ').filter((t) => t !== '');
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  default: (d, v) => (truthy(v) ? v : d),
  required: (msg, v) => {
    if (!truthy(v)) throw new Error(`required: ${str(msg)}`);
    return v;
  },
  trunc: (n, s) => str(s).slice(0, Number(n)),
  trimSuffix: (suffix, s) =>
    str(s).endsWith(str(suffix)) ? str(s).slice(0, -str(suffix).length || undefined) : str(s),
  replace: (from, to, s) => str(s).split(str(from)).join(str(to)),
  contains: (sub, s) => str(s).includes(str(sub)),
  printf: (format, ...args) => {
    let i = 0;
    return str(format).replace(/%[sd]/g, () => str(args[i++]));
  },
  print: (...args) => args.map(str).join(''),
  quote: (v) => JSON.stringify(str(v)),
  toString: (v: Value) => str(v),
  toYaml: (v) => (v === undefined || v === null ? '' : stringify(v).replace(/\n$/, '')),
  nindent: (n, s) =>
    '\n' +
    str(s)
      .split('\n')
      .map((line) => ' '.repeat(Number(n)) + line)
      .join('\n'),
  indent: (n, s) =>
    str(s)
      .split('\n')
      .map((line) => ' '.repeat(Number(n)) + line)
      .join('\n'),
  sha256sum: (s) => createHash('sha256').update(str(s)).digest('hex'),
  list: (...args) => args,
  not: (v) => !truthy(v),
  and: (...args) => args.reduce((acc, v) => (truthy(acc) ? v : acc)),
  or: (...args) => args.find(truthy) ?? args[args.length - 1],
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
};
