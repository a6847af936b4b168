/**
 * PromQL checks for the specs, with Prometheus' own grammar (@prometheus-io/lezer-promql, the parser of the
 * Prometheus UI): syntax errors, and the metric names a query selects.
 */
import { parser } from '@prometheus-io/lezer-promql';

/** Syntax problems of a PromQL expression (empty when it parses). */
export function promqlProblems(expr: string): string[] {
  const problems: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError)
        problems.push(
          `syntax error at ${node.from}: "${expr.slice(Math.max(0, node.from - 20), node.to + 20)}"`,
        );
    },
  });
  return problems;
}

/** Metric names of every vector selector in the expression. */
export function promqlMetricNames(expr: string): string[] {
  const names: string[] = [];
  const tree = parser.parse(expr);
  tree.iterate({
    enter: (node) => {
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) names.push(expr.slice(id.from, id.to));
      }
    },
  });
  return names;
}
