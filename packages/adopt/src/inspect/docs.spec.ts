import { describe, expect, it } from 'vitest';
import { roleOf } from './docs.js';

describe('roleOf', () => {
  it.each([
    ['DATA_MODEL.md', 'DATA_MODEL'],
    ['data-model.md', 'DATA_MODEL'],
    ['overview.md', 'SERVICE_OVERVIEW'],
    ['security.md', 'SECURITY_MODEL'],
    ['threat-model.md', 'THREAT_MODEL'],
    ['api.md', 'API_CONTRACT'],
    ['error-codes.md', 'ERROR_CODES'],
    ['local-development.md', 'LOCAL_DEV_SETUP'],
    ['disaster-recovery.md', 'DISASTER_RECOVERY'],
    ['deployment.md', 'DEPLOYMENT_TOPOLOGY'],
  ])('%s plays %s', (file, role) => {
    expect(roleOf(file)).toBe(role);
  });

  it('gives no role to a doc that plays none', () => {
    expect(roleOf('CHANGELOG.md')).toBeUndefined();
    expect(roleOf('meeting-notes.md')).toBeUndefined();
  });
});
