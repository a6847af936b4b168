/**
 * A strict reader of the Prometheus text exposition format 0.0.4 and OpenMetrics 1.0 text. Written
 * here (not parse-prometheus-text-format) because the suite needs the line number and reason of the
 * first malformed line, and OpenMetrics' `# EOF` / `_total` rules, which that parser does not report.
 */
export interface MetricFamily {
  name: string;
  type?: string;
  help?: string;
  samples: number;
}

export interface ParseResult {
  families: Map<string, MetricFamily>;
  error?: string;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const SAMPLE = new RegExp(
  `^(${NAME})(\\{(?:${LABEL}(?:,${LABEL})*,?)?\\})?[ \\t]+([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|Inf|[+-]?Inf))(?:[ \\t]+-?[0-9]+(?:\\.[0-9]+)?)?$`,
);
const TYPES = new Set([
  'counter',
  'gauge',
  'histogram',
  'summary',
  'untyped',
  'unknown',
  'info',
  'stateset',
  'gaugehistogram',
]);
const SUFFIXES = ['_total', '_created', '_bucket', '_count', '_sum', '_info', '_gcount', '_gsum'];

export function parseMetrics(text: string, openMetrics: boolean): ParseResult {
  const families = new Map<string, MetricFamily>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) {
      f = { name, samples: 0 };
      families.set(name, f);
    }
    return f;
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const at = `line ${i + 1}`;
    if (openMetrics && line === '# EOF') {
      if (i !== lines.length - 1) return { families, error: `${at}: content after # EOF` };
      return { families };
    }
    if (line.trim() === '') {
      if (openMetrics) return { families, error: `${at}: empty line (not allowed in OpenMetrics)` };
      continue;
    }
    if (line.startsWith('#')) {
      const meta = /^# (HELP|TYPE|UNIT) (\S+)(?: (.*))?$/.exec(line);
      if (!meta) {
        if (openMetrics) return { families, error: `${at}: unknown comment "${line.slice(0, 60)}"` };
        continue;
      }
      const [, kind, name, rest] = meta as unknown as [string, string, string, string | undefined];
      if (!new RegExp(`^${NAME}$`).test(name)) return { families, error: `${at}: bad metric name "${name}"` };
      if (kind === 'TYPE') {
        if (!rest || !TYPES.has(rest))
          return { families, error: `${at}: unknown type "${rest ?? ''}" for ${name}` };
        if (family(name).type) return { families, error: `${at}: second TYPE line for ${name}` };
        family(name).type = rest;
      } else if (kind === 'HELP') family(name).help = rest ?? '';
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) return { families, error: `${at}: not a sample line: "${line.slice(0, 80)}"` };
    const name = match[1]!;
    const base = SUFFIXES.reduce(
      (n, s) => (n.endsWith(s) && families.has(n.slice(0, -s.length)) ? n.slice(0, -s.length) : n),
      name,
    );
    family(base).samples += 1;
  }
  if (openMetrics) return { families, error: 'no "# EOF" line at the end (required by OpenMetrics)' };
  return { families };
}
