/**
 * Installing the generators must not bring the service runtime or the lint stack: the generator reads the
 * contracts it shares with them (error codes, gate catalog, API prefix) from @shipshape/contracts. This walks
 * the production dependency closure the way npm would install it, from each package.json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

function closure(packageDir: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (dir: string) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    const req = createRequire(join(dir, 'package.json'));
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      if (seen.has(name)) continue;
      let resolved: string;
      try {
        resolved = dirname(req.resolve(`${name}/package.json`));
      } catch {
        continue; // an optional platform package that is not installed here
      }
      seen.set(name, resolved);
      visit(resolved);
    }
  };
  visit(packageDir);
  return seen;
}

describe('@shipshape/generators install', () => {
  const deps = [...closure(join(__dirname, '..')).keys()];

  it('brings the templates and the contracts', () => {
    expect(deps).toContain('@shipshape/templates');
    expect(deps).toContain('@shipshape/contracts');
  });

  it('does not bring the runtime, Fastify, PGlite, OpenTelemetry, readiness or the Spectral stack', () => {
    const heavy = deps.filter((name) =>
      /^(fastify|@fastify\/|@electric-sql\/pglite|@opentelemetry\/|@stoplight\/|@shipshape\/(runtime|readiness|lint|spectral-ruleset))/.test(
        name,
      ),
    );
    expect(heavy).toEqual([]);
  });
});
