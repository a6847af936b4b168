/** Pure formatting helpers the ops modules and the templates share (numbers, anchors, indentation). */

/** Milliseconds as a Prometheus `le` / seconds literal: 300 → "0.3", 1000 → "1". */
export function seconds(ms: number): string {
  return String(ms / 1000);
}

/** Error budget of an objective, rounded to hide float noise: 0.999 → 0.001. */
export function budget(objective: number): number {
  return Number((1 - objective).toPrecision(6));
}

/** 0.9995 → "99.95 %". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))} %`;
}

/** Indent every line but the first by `n` spaces (for multi-line values in YAML block scalars). */
export function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/**
 * The anchor GitHub (and VitePress' default slugger, for these inputs) gives a Markdown heading: lower case,
 * punctuation other than `-` and `_` dropped, spaces to `-`. Links into the bundle use it, so they resolve.
 */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The Fastify route template of an OpenAPI path (`/api/v1/orders/{orderId}` → `/api/v1/orders/:orderId`). */
export function routeTemplate(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/** `ErrorBudgetBurnFast` → `error-budget-burn-fast`. */
export function kindSlug(kind: string): string {
  return kind
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * Text for a Helm template that must reach Kubernetes verbatim: each `{{` (Prometheus' own template syntax)
 * becomes `{{ "{{" }}`. A lone `}}` is plain text to Go's template lexer, so it stays.
 */
export function helmEscape(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}
