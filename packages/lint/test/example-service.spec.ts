import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatFinding, lintService } from '../src/index.js';

/**
 * The committed generated example (DESIGN.md: "at least one committed example, drift-checked") must
 * lint with zero findings: the contract between the generator's templates and this linter.
 */
const example = fileURLToPath(new URL('../../../services/orders', import.meta.url));

describe.skipIf(!existsSync(`${example}/openapi`))('services/orders (the generated example)', () => {
  it('lints with zero errors, warnings and infos', async () => {
    const report = await lintService(example);
    expect(report.findings.map((f) => formatFinding(f, report.serviceDir, report.serviceDir))).toEqual([]);
    expect(report.files).toEqual([
      'openapi/orders.yaml',
      'asyncapi/orders.yaml',
      'errors/error-codes.yaml',
      'ops/alerts.yaml',
      'ops/slos.yaml',
    ]);
  });
});
