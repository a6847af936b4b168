import { describe, expect, it } from 'vitest';
import { parseMetrics } from './prometheus.js';

const text = [
  '# HELP http_requests_total Requests.',
  '# TYPE http_requests_total counter',
  'http_requests_total{method="GET",status="200"} 3',
  'http_requests_total{method="POST",status="201",path="/a\\"b"} 1 1700000000000',
  '# TYPE http_request_duration_seconds histogram',
  'http_request_duration_seconds_bucket{le="0.1"} 2',
  'http_request_duration_seconds_bucket{le="+Inf"} 4',
  'http_request_duration_seconds_sum 0.31',
  'http_request_duration_seconds_count 4',
  'process_up NaN',
  '',
].join('\n');

describe('parseMetrics', () => {
  it('reads Prometheus text with labels, escapes, timestamps and histograms', () => {
    const { families, error } = parseMetrics(text, false);
    expect(error).toBeUndefined();
    expect(families.get('http_requests_total')).toMatchObject({ type: 'counter', samples: 2 });
    expect(families.get('http_request_duration_seconds')).toMatchObject({ type: 'histogram', samples: 4 });
  });

  it.each([
    ['a broken sample', 'fixture broken line {oops}\n', /line 1: not a sample line/],
    ['a bad value', 'x_total abc\n', /line 1: not a sample line/],
    ['an unknown type', '# TYPE x wobble\n', /line 1: unknown type "wobble"/],
    ['a second TYPE', '# TYPE x gauge\n# TYPE x gauge\n', /line 2: second TYPE line for x/],
    ['an unterminated label', 'x{a="b} 1\n', /line 1: not a sample line/],
  ])('names the first bad line: %s', (_label, body, message) => {
    expect(parseMetrics(body, false).error).toMatch(message);
  });

  it('requires # EOF at the end of OpenMetrics, and nothing after it', () => {
    expect(parseMetrics('# TYPE a counter\na_total 1\n# EOF\n', true).error).toBeUndefined();
    expect(parseMetrics('# TYPE a counter\na_total 1\n', true).error).toMatch(/no "# EOF"/);
    expect(parseMetrics('# EOF\na 1\n', true).error).toMatch(/content after # EOF/);
  });
});
