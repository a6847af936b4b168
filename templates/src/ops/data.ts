/**
 * The ops data files (`templates/ops/data/`: slos.yaml, alerts.yaml, deploy.yaml), read once and cached, the
 * `${a.b.c}` placeholder filler their texts are written with, and the runtime's metrics (the metric catalog of
 * @shipshape/contracts, which the runtime registers from). The modules beside this one turn
 * them into SLOs, alert rules, a dashboard and deploy defaults; nothing else reads the files.
 *
 * It finds the data files relative to its own directory (src/ops/ or dist/ops/, both two levels down).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS, SERVICE_SELECTOR, type MetricDef as ContractMetricDef } from '@shipshape/contracts';
import { parse } from 'yaml';

/** Absolute path of the @shipshape/templates package. */
export const packageRoot: string = join(__dirname, '..', '..');
/** Directory of the ops data files. */
export const opsDataDir: string = join(packageRoot, 'ops', 'data');

const cache = new Map<string, unknown>();

/** A YAML file, parsed once. `file` is relative to the ops data directory unless absolute. */
export function load<T>(file: string): T {
  if (!cache.has(file)) {
    const path = file.startsWith('/') ? file : join(opsDataDir, file);
    cache.set(file, parse(readFileSync(path, 'utf8')) as T);
  }
  return cache.get(file) as T;
}

export type Vars = { [key: string]: string | number | Vars };

/**
 * Replace `${a.b.c}` with the value at that path of `vars`. An unknown name throws: a typo in a data file
 * must fail the tests, not ship an alert that queries `undefined`. Prometheus' `{{ $value }}` has no `${`,
 * so it passes through.
 */
export function fill(text: string, vars: Vars): string {
  return text.replace(/\$\{([\w.-]+)\}/g, (_, path: string) => {
    let value: string | number | Vars | undefined = vars;
    for (const part of path.split('.')) {
      value = typeof value === 'object' ? value[part] : undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`ops data: unknown placeholder \${${path}}`);
    }
    return String(value);
  });
}

export type MetricDef = Omit<ContractMetricDef, 'labels' | 'processDefault'> & { labels: string[] };

/** The metrics the runtime exposes that the generated ops files query: the contracts' metric catalog. */
export function opsMetrics(): MetricDef[] {
  return METRICS.map((m) => ({
    key: m.key,
    name: m.name,
    type: m.type,
    labels: [...m.labels],
    help: m.help,
  }));
}

/** `{ requests: 'http_requests_total', ... }`. */
export function metricNames(): Record<string, string> {
  return Object.fromEntries(opsMetrics().map((m) => [m.key, m.name]));
}

/** The PromQL label matcher that scopes a query to one service (`service="orders"`). */
export function metricSelector(service: string): string {
  return fill(SERVICE_SELECTOR, { service });
}
