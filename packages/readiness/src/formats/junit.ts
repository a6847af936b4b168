import { XMLBuilder } from 'fast-xml-parser';
import type { ReadinessResult } from '../types.js';
import { outcome } from './locations.js';

/**
 * JUnit XML: one test suite per service, one test case per gate (classname = group). RED is a failure; AMBER and
 * gates that do not apply are skipped with the status in the message (JUnit has no "warning"); the status is also
 * a property of the case.
 */
export function toJUnit(result: ReadinessResult): string {
  const cases = result.gates.map((g) => {
    const state = outcome(g);
    return {
      '@_classname': `${result.service}.${g.group}`,
      '@_name': g.id,
      properties: {
        property: [
          { '@_name': 'status', '@_value': state === 'NOT_APPLICABLE' ? 'NOT_APPLICABLE' : g.status },
          { '@_name': 'level', '@_value': g.level },
        ],
      },
      ...(state === 'FAILED'
        ? { failure: { '@_message': g.reason, '@_type': 'RED', '#text': g.reason } }
        : {}),
      ...(state === 'WARNED' || state === 'NOT_APPLICABLE'
        ? { skipped: { '@_message': `${state === 'WARNED' ? 'AMBER' : 'NOT_APPLICABLE'}: ${g.reason}` } }
        : {}),
    };
  });
  const failures = result.gates.filter((g) => outcome(g) === 'FAILED').length;
  const skipped = result.gates.filter((g) => ['WARNED', 'NOT_APPLICABLE'].includes(outcome(g))).length;
  const suite = {
    '@_name': `readiness ${result.service}`,
    '@_tests': result.gates.length,
    '@_failures': failures,
    '@_errors': 0,
    '@_skipped': skipped,
    '@_timestamp': result.evaluatedAt.replace(/\.\d+Z$/, ''),
    testcase: cases,
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${
    builder.build({
      testsuites: {
        '@_name': 'shipshape readiness',
        '@_tests': result.gates.length,
        '@_failures': failures,
        '@_errors': 0,
        '@_skipped': skipped,
        testsuite: suite,
      },
    }) as string
  }`;
}
