import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckDefinition } from './registry.js';
import { allChecks, runConformance, type ConformanceOptions } from './runner.js';
import { AREAS, type Report } from './types.js';

export interface ConformanceSuiteSettings {
  /** Name of the describe block (default `conformance`). */
  title?: string;
  /** Areas or check ids to run (known when tests are collected, unlike the target URL). */
  only?: string[];
  /** Extra checks for this suite. */
  checks?: CheckDefinition[];
  /** Timeout of the whole run (default 120 s). */
  timeoutMs?: number;
}

/**
 * Runs the conformance suite inside a Vitest file: one `it` per check id, grouped by area, so a
 * service's own test run shows each check (a failure prints the detail and the curl line; a skip
 * keeps its reason). The target is resolved lazily, e.g. after a `beforeAll` started the service:
 *
 *   conformanceSuite(async () => ({ url, openapi, tenants }));
 */
export function conformanceSuite(
  target: () =>
    Promise<Omit<ConformanceOptions, 'only' | 'checks'>> | Omit<ConformanceOptions, 'only' | 'checks'>,
  settings: ConformanceSuiteSettings = {},
): void {
  const checks = allChecks(settings.checks).filter(
    (c) => !settings.only || settings.only.includes(c.id.split('.')[0]!) || settings.only.includes(c.id),
  );
  describe(settings.title ?? 'conformance', () => {
    let report: Report | undefined;
    beforeAll(async () => {
      report = await runConformance({ ...(await target()), only: settings.only, checks: settings.checks });
    }, settings.timeoutMs ?? 120_000);
    for (const area of AREAS) {
      const inArea = checks.filter((c) => c.id.startsWith(`${area}.`));
      if (inArea.length === 0) continue;
      describe(area, () => {
        for (const check of inArea) {
          it(`${check.id}: ${check.title}`, (ctx) => {
            const result = report?.checks.find((c) => c.id === check.id);
            if (!result) throw new Error(`${check.id} did not run (the suite could not start)`);
            if (result.status === 'skip') return ctx.skip(result.detail);
            const why = [result.detail, result.evidence?.curl].filter(Boolean).join('\n  ');
            expect(result.status, why).toBe('pass');
          });
        }
      });
    }
  });
}
