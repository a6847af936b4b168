import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeProvenance, hashInputs, provenanceProblems } from './provenance.js';

let repo: string;
let service: string;
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'provenance-'));
  service = join(repo, 'services', 'orders');
  mkdirSync(join(service, 'openapi'), { recursive: true });
  writeFileSync(join(service, 'openapi', 'orders.yaml'), 'openapi: 3.1.0\n');
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'init');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const made = () =>
  computeProvenance({
    serviceDir: service,
    service: 'orders',
    tool: 'shipshape-lint',
    version: '0.1.0',
    inputs: ['openapi/orders.yaml'],
    now: () => new Date('2026-12-03T00:00:00Z'),
  });

describe('provenance', () => {
  it('records the service, tool, commit and a hash of the judged inputs', () => {
    const p = made();
    expect(p).toMatchObject({
      service: 'orders',
      tool: 'shipshape-lint',
      dirty: false,
      inputs: ['openapi/orders.yaml'],
    });
    expect(p.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(p.inputsHash).toBe(hashInputs(service, ['openapi/orders.yaml']));
    expect(p.producedAt).toBe('2026-12-03T00:00:00.000Z');
  });

  it('vouches for the same service with unchanged inputs', () => {
    expect(provenanceProblems(made(), { serviceDir: service, service: 'orders' })).toEqual([]);
  });

  it('refuses a missing record, another service, another tool and changed inputs', () => {
    const p = made();
    expect(provenanceProblems(undefined, { serviceDir: service, service: 'orders' })).toEqual([
      'the report has no provenance record',
    ]);
    expect(provenanceProblems(p, { serviceDir: service, service: 'billing' })[0]).toMatch(
      /for service "orders"/,
    );
    expect(
      provenanceProblems(p, { serviceDir: service, service: 'orders', tools: ['shipshape-conformance'] })[0],
    ).toMatch(/written by "shipshape-lint"/);
    writeFileSync(join(service, 'openapi', 'orders.yaml'), 'openapi: 3.1.1\n');
    expect(provenanceProblems(p, { serviceDir: service, service: 'orders' })).toContain(
      'the inputs it judged have changed since it was written',
    );
    expect(made().dirty).toBe(true);
  });

  it('hashes a missing input as absent, not as an empty file', () => {
    expect(hashInputs(service, ['nothing.yaml'])).not.toBe(hashInputs(service, []));
    writeFileSync(join(service, 'empty.yaml'), '');
    expect(hashInputs(service, ['empty.yaml'])).not.toBe(hashInputs(service, ['nothing.yaml']));
  });
});
