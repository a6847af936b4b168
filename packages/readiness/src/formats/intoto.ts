import { TOOL_NAME, toolVersion } from '../version.js';
import type { ReadinessResult } from '../types.js';
import { outcome } from './locations.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';

/**
 * An in-toto Statement v1 with the test-result predicate: the subject is the service at its commit (and the hash
 * of the inputs judged), the predicate lists each gate as passed / warned / failed. Gates that do not apply are
 * in none of the lists. Sign it with your CI's attestation tooling (DSSE) to say who produced the verdict.
 */
export function toInToto(result: ReadinessResult): Record<string, unknown> {
  const digest: Record<string, string> = { sha256: result.provenance.inputsHash.replace(/^sha256:/, '') };
  if (result.provenance.commit) digest.gitCommit = result.provenance.commit;
  const by = (state: string) => result.gates.filter((g) => outcome(g) === state).map((g) => g.id);
  const failed = by('FAILED');
  const warned = by('WARNED');
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: result.service, digest }],
    predicateType: TEST_RESULT_PREDICATE,
    predicate: {
      result: failed.length ? 'FAILED' : warned.length ? 'WARNED' : 'PASSED',
      configuration: [
        {
          name: 'gates.yaml',
          digest: { sha256: result.provenance.catalogHash.replace(/^sha256:/, '') },
          annotations: {
            tool: TOOL_NAME,
            version: toolVersion(),
            level: result.level ?? 'below L0',
            target: result.target,
          },
        },
      ],
      passedTests: by('PASSED'),
      warnedTests: warned,
      failedTests: failed,
    },
  };
}
