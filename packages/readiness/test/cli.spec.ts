import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { memoryIO, UsageError } from '@shipshape/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/cli.js';
import { STATUS_BEGIN, STATUS_END } from '../src/write.js';
import { cleanup, copyOrders, FIXTURES } from './support.js';

afterAll(cleanup);

interface JsonOut {
  service: string;
  level: string | null;
  target: string;
  gates: { id: string; group: string; status: string; reason: string; evidence: unknown[] }[];
}

async function cli(args: string[]) {
  const io = memoryIO();
  const code = await run(args, io);
  return { code, io };
}

describe('shipshape readiness (command module)', () => {
  let dir: string;
  let conformance: string;
  beforeAll(async () => {
    dir = await copyOrders();
    const report = JSON.parse(await readFile(join(FIXTURES, 'conformance-orders.json'), 'utf8')) as {
      startedAt: string;
    };
    report.startedAt = new Date(Date.now() + 1000).toISOString();
    conformance = join(dir, 'evidence.json');
    await writeFile(conformance, JSON.stringify(report));
  });

  it('--format json prints the contract: service, level, target, gates with id, group, status, reason, evidence', async () => {
    const { code, io } = await cli([dir, '--conformance', conformance, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout.join('\n')) as JsonOut;
    expect(out).toMatchObject({ service: 'orders', level: 'L2', target: 'L4' });
    expect(out.gates.length).toBe(63);
    for (const g of out.gates) {
      expect(Object.keys(g)).toEqual(expect.arrayContaining(['id', 'group', 'status', 'reason', 'evidence']));
      expect(['GREEN', 'AMBER', 'RED']).toContain(g.status);
      expect(g.id.startsWith(`${g.group}.`)).toBe(true);
    }
  });

  it('--write round trip: readiness.yaml, the status section and the badges agree with the JSON, and stay stable', async () => {
    const docFile = join(dir, 'docs', 'SERVICE_READINESS.md');
    const original = await readFile(docFile, 'utf8');
    await writeFile(join(dir, 'readiness.yaml'), 'target: L2 # this service ships at L2\n');

    const first = await cli([dir, '--conformance', conformance, '--write', '--format', 'json']);
    expect(first.code).toBe(0);
    expect(first.io.stderr[0]).toMatch(
      /^wrote readiness.yaml, docs\/SERVICE_READINESS.md, docs\/badges\/docs.svg, .*docs\/badges\/level.svg$/,
    );
    const json = JSON.parse(first.io.stdout.join('\n')) as JsonOut;
    expect(json.target).toBe('L2');

    const yaml = parse(await readFile(join(dir, 'readiness.yaml'), 'utf8')) as {
      target: string;
      level: string;
      gates: Record<string, { status: string; reason: string }>;
    };
    expect(yaml.target).toBe('L2');
    expect(yaml.level).toBe(json.level);
    expect(Object.keys(yaml.gates)).toEqual(json.gates.map((g) => g.id));
    for (const g of json.gates) expect(yaml.gates[g.id].status, g.id).toBe(g.status);

    const doc = await readFile(docFile, 'utf8');
    const outside = (text: string) =>
      text.slice(0, text.indexOf(STATUS_BEGIN)) + text.slice(text.indexOf(STATUS_END));
    expect(outside(doc)).toBe(outside(original));
    expect(doc).toContain(`**Level ${json.level}** (target L2)`);
    expect(doc).toMatch(/^\| `obs.runbooks` +\| L3 +\| GREEN +\| \d+ alerts, each with a complete runbook/m);
    for (const group of [
      'docs',
      'domain',
      'api',
      'events',
      'data',
      'sync',
      'ai',
      'obs',
      'sec',
      'perf',
      'ops',
      'level',
    ]) {
      expect(await readFile(join(dir, 'docs', 'badges', `${group}.svg`), 'utf8')).toMatch(/^<svg /);
    }

    // A second run reads what the first wrote: the badges now exist and resolve, no stub was introduced,
    // and only the evaluation time changes.
    const second = await cli([dir, '--conformance', conformance, '--write', '--format', 'json']);
    const again = JSON.parse(second.io.stdout.join('\n')) as JsonOut;
    expect(again.gates.map((g) => [g.id, g.status])).toEqual(json.gates.map((g) => [g.id, g.status]));
    const reasons = (out: JsonOut) =>
      out.gates.filter((g) => g.id !== 'docs.cross_links_valid').map((g) => g.reason);
    expect(reasons(again)).toEqual(reasons(json));
    const links = (out: JsonOut) =>
      Number(
        /^(\d+) relative links/.exec(out.gates.find((g) => g.id === 'docs.cross_links_valid')!.reason)![1],
      );
    expect(links(again)).toBeGreaterThan(links(json)); // the badge images are links that resolve now
    const doc2 = await readFile(docFile, 'utf8');
    const normal = (text: string) =>
      text.replace(/evaluated \S+/, '').replace(/^\| `docs.cross_links_valid`.*$/m, '');
    expect(normal(doc2)).toBe(normal(doc));
  });

  it('text output is the scorecard with the level line; exit 1 when a gate is RED', async () => {
    const migration = join(dir, 'migrations', '0002_notes.sql');
    await writeFile(migration, 'CREATE TABLE notes (id uuid, tenant_id text);\n');
    const later = new Date(Date.now() + 10_000);
    await utimes(migration, later, later);
    // The migration is newer than the evidence: every conformance-backed gate is stale now.
    const stale = await cli([dir, '--conformance', conformance]);
    expect(stale.io.stdout.find((l) => l.startsWith('api.idempotency'))).toMatch(
      /AMBER\s+conformance stale: migrations\/0002_notes.sql changed after the conformance run/,
    );
    const report = JSON.parse(await readFile(conformance, 'utf8')) as { startedAt: string };
    report.startedAt = new Date(Date.now() + 20_000).toISOString();
    await writeFile(conformance, JSON.stringify(report));
    const { code, io } = await cli([dir, '--conformance', conformance]);
    expect(code).toBe(1);
    expect(io.stdout[0]).toBe('orders: readiness L1 (target L2, from readiness.yaml)');
    expect(io.stdout.find((l) => l.startsWith('data.rls_enabled'))).toMatch(
      /RED\s+notes \(migrations\/0002_notes.sql:1\): RLS not enabled/,
    );
    expect(io.stdout, io.stdout.slice(-4).join('\n')).toContain('next level L2 needs: data.rls_enabled');
  });

  it('cannot run: one line and exit code 2 (missing folder, unreadable evidence, bad flags)', async () => {
    const expectUsage = async (args: string[], message: RegExp) => {
      const error = await run(args, memoryIO()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
      expect((error as UsageError).message).toMatch(message);
      expect((error as UsageError).message).not.toContain('\n');
    };
    await expectUsage([], /^missing <service-dir>/);
    await expectUsage([join(dir, 'nope')], /^service folder not found: /);
    await expectUsage(
      [dir, '--conformance', join(dir, 'missing.json')],
      /^conformance report .*missing.json cannot be read$/,
    );
    await expectUsage([dir, '--format', 'xml'], /^--format must be one of text, json \(got "xml"\)$/);
    await expectUsage([dir, '--frobnicate'], /frobnicate/);
  });

  it('--help renders the flag table', async () => {
    const { code, io } = await cli(['--help']);
    expect(code).toBe(0);
    expect(io.stdout[0]).toMatch(/^Usage: shipshape readiness <service-dir>/);
    expect(io.stdout.join('\n')).toContain('--conformance <conformance.json>');
  });
});
