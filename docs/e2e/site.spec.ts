import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { serveStatic, type StaticSite } from '../src/serve/static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const root = new URL('../..', import.meta.url).pathname;
const shots = new URL('../test-output/site/', import.meta.url).pathname;
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`docs e2e skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

// Built under a sub-path on purpose: the walk proves the site works from a base other than /.
const BASE = '/kit/';

/** Waits until the element is visible, then returns its text (playwright-core has no auto-waiting expect). */
async function textOf(locator: Locator, timeout = 60_000): Promise<string> {
  await locator.waitFor({ state: 'visible', timeout });
  return ((await locator.textContent()) ?? '').trim();
}

describe.skipIf(!haveChromium)('the built site in Chromium', () => {
  let out: string;
  let userDataDir: string;
  let site: StaticSite;
  let context: BrowserContext;
  let page: Page;
  const offsite: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'shipshape-docs-'));
    userDataDir = mkdtempSync(join(tmpdir(), 'shipshape-chromium-'));
    mkdirSync(shots, { recursive: true });
    // The build runs as users run it (its own process: VitePress does not run inside vitest's module runner).
    await promisify(execFile)(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['--conditions=@shipshape/source', 'src/cli/build.ts', '--quiet', '--base', BASE, '--out', out],
      { cwd: new URL('..', import.meta.url).pathname, maxBuffer: 64 * 1024 * 1024 },
    );
    site = await serveStatic(out, { base: BASE });
    const { chromium } = await import('playwright-core');
    // A persistent context on a fresh profile is how playwright passes --user-data-dir.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
      viewport: { width: 1280, height: 900 },
    });
    // Nothing may come from outside the site (no CDN, no telemetry): such a request is recorded and refused.
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        offsite.push(route.request().url());
        return route.abort();
      },
    );
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await context?.close();
    await site?.close();
    if (out) rmSync(out, { recursive: true, force: true });
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  /** The router changes the URL before the page renders: wait for both, the page by its heading. */
  const arrive = async (url: RegExp, heading: RegExp) => {
    await page.waitForURL(url);
    await page.locator('.vp-doc h1', { hasText: heading }).waitFor();
  };
  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });

  it('walks home → catalog → orders → gate matrix → evidence → runbook → API reference → search', async () => {
    await page.goto(site.url);
    expect(await textOf(page.locator('.VPHero .name'))).toBe('Shipshape');
    await shot('01-home');

    await page.locator('.VPHero a', { hasText: 'Service catalog' }).click();
    await arrive(/\/kit\/catalog\/$/, /Service catalog/);
    const row = page.locator('.vp-doc tr', { has: page.locator('a', { hasText: /^orders$/ }) });
    // The catalog shows the level the readiness evaluator gives services/orders right now.
    const { evaluateReadiness } = await import('@shipshape/readiness');
    const level = (await evaluateReadiness(join(root, 'services', 'orders'))).level ?? 'none';
    expect(await textOf(row.locator('.ss-level'))).toBe(level);
    await shot('02-catalog');

    await row.locator('a', { hasText: /^orders$/ }).click();
    await arrive(/\/kit\/services\/orders\/$/, /^orders/);
    expect(await textOf(page.locator('.ss-badges .ss-level').first())).toBe(`level ${level}`);
    await page.locator('.ss-chart .ss-bar').first().waitFor();
    await shot('03-service');

    await page.locator('.vp-doc a', { hasText: 'Gate matrix' }).click();
    await arrive(/\/kit\/services\/orders\/gates$/, /gate matrix/);
    const blocked = page.locator('tr.ss-row-red, tr.ss-row-amber').first();
    expect(await textOf(blocked)).toMatch(/AMBER|RED/);
    await shot('04-gate-matrix');

    // A RED / AMBER gate's evidence: its first link to the rendered source (file or file:line).
    // Prefer a file:line link (a TODO(owner) marker, a failing line) over a whole-file one.
    const lineLinks = page.locator(
      'tr.ss-row-red a[href*="source/"][href*="#L"], tr.ss-row-amber a[href*="source/"][href*="#L"]',
    );
    const evidence = (await lineLinks.count())
      ? lineLinks.first()
      : page.locator('tr.ss-row-red a[href*="source/"], tr.ss-row-amber a[href*="source/"]').first();
    const ref = await textOf(evidence);
    await evidence.click();
    await page.waitForURL(/\/source\/.+\.html/);
    expect(await textOf(page.locator('header strong'))).toContain(ref.split(':')[0].replace(/\/$/, ''));
    const line = /:(\d+)$/.exec(ref)?.[1];
    if (line) {
      expect(await textOf(page.locator(`tr#L${line}`))).not.toBe('');
      expect(new URL(page.url()).hash).toBe(`#L${line}`);
    } else await page.locator('main').first().waitFor();
    await shot('05-evidence');

    await page.locator('header a', { hasText: 'service' }).first().click();
    await arrive(/\/kit\/services\/orders\/$/, /^orders/);
    const runbook = page.locator('.vp-doc h2#runbooks + ul a').first();
    const runbookName = await textOf(runbook);
    await runbook.click();
    await arrive(new RegExp(`/services/orders/runbooks/${runbookName}$`), /./);
    expect(await textOf(page.locator('.vp-doc'))).toMatch(/alert/i);
    await shot('06-runbook');

    await page
      .locator('.VPSidebar a', { hasText: /^orders$/ })
      .first()
      .click();
    await arrive(/\/kit\/services\/orders\/$/, /^orders/);
    await page.locator('.vp-doc a', { hasText: 'API reference' }).click();
    await arrive(/\/services\/orders\/api$/, /API reference/);
    // Redoc renders from the vendored bundle: an operation of the spec is visible.
    const operation = page.locator('[data-testid="redoc"] h2', { hasText: /order/i }).first();
    expect(await textOf(operation)).toMatch(/order/i);
    await shot('07-api-reference');

    await page.goto(`${site.url}services/orders/docs/SERVICE_OVERVIEW`);
    await page.locator('pre.mermaid svg').first().waitFor({ state: 'visible' });
    await shot('08-mermaid');

    await page.locator('.VPNavBarSearch button').click();
    await page.locator('.VPLocalSearchBox input').fill('ACME.ORDERS.NOT_FOUND');
    // Other pages mention the code too (the blockers list quotes gate reasons): take the error-code page.
    const hit = page.locator('.VPLocalSearchBox .result', { hasText: /error codes/i }).first();
    expect(await textOf(hit)).toMatch(/error codes/i);
    await shot('09-search');
    await hit.click();
    await arrive(/\/services\/orders\/docs\/ERROR_CODES/, /error codes/i);
    expect(await textOf(page.locator('.vp-doc'))).toContain('ACME.ORDERS.NOT_FOUND');

    // The monorepo matrix filters by tier (orders is t1) and "what blocks L4" lists its blocking gates.
    await page.goto(`${site.url}catalog/matrix`);
    const matrixRows = page.locator('.ss-matrix tbody tr');
    await matrixRows.first().waitFor();
    await page.selectOption('[data-testid="filter-tier"]', 't1');
    expect(await textOf(matrixRows.first())).toMatch(/^orders/);
    await page.locator('.ss-matrix th', { hasText: 'level' }).click();
    expect(await textOf(page.locator('.ss-matrix th', { hasText: 'level' }))).toContain('▼');
    await shot('10-matrix');
    await page.goto(`${site.url}catalog/blockers`);
    expect(await textOf(page.locator('.vp-doc table tbody tr').first())).toMatch(/orders.*(AMBER|RED)/s);
    await shot('11-blockers');

    expect(offsite).toEqual([]);
  });

  /** Every link of the page (Redoc's in-page navigation aside) answers, and its #anchor exists there. */
  const brokenLinks = async () => {
    const hrefs: string[] = await page.$$eval('a[href]', (as) =>
      as
        .filter((a) => !a.closest('[data-testid="redoc"]'))
        .map((a) => (a as unknown as { href: string }).href),
    );
    const broken: string[] = [];
    for (const href of [...new Set(hrefs)]) {
      const url = new URL(href);
      if (url.hostname !== '127.0.0.1') continue;
      const res = await context.request.get(url.origin + url.pathname);
      if (!res.ok()) broken.push(`${href} (${res.status()})`);
      else if (url.hash && !(await res.text()).includes(`id="${decodeURIComponent(url.hash.slice(1))}"`))
        broken.push(`${href} (no such anchor)`);
    }
    return broken;
  };

  // The examples are services Shipshape did not generate, adopted: the catalog shows them beside orders
  // with their level, and their API reference renders the OpenAPI document their shipshape.yaml names
  // (notes-api keeps it in api/openapi.yaml, not in the generated layout's openapi/).
  it.each([
    { name: 'notes-api', dir: 'examples/notes-api', operation: /List notes/, runbooks: 'runbooks' },
    {
      name: 'iam-service',
      dir: 'examples/iam-service',
      operation: /Create a user/i,
      runbooks: 'ops/runbooks',
    },
  ])('walks catalog → $name (adopted) → API reference → a doc and a runbook, no broken link', async (ex) => {
    await page.goto(`${site.url}catalog/`);
    await arrive(/\/kit\/catalog\/$/, /Service catalog/);
    const row = page.locator('.vp-doc tr', {
      has: page.locator('a', { hasText: new RegExp(`^${ex.name}$`) }),
    });
    const { evaluateReadiness } = await import('@shipshape/readiness');
    const level = (await evaluateReadiness(join(root, ex.dir))).level ?? 'none';
    expect(await textOf(row.locator('.ss-level'))).toBe(level);
    expect(await textOf(row.locator('.ss-tag'))).toBe('adopted');
    expect(await textOf(row.locator('a', { hasText: /^API$/ }))).toBe('API');
    await shot(`20-${ex.name}-catalog-row`);

    await row.locator('a', { hasText: new RegExp(`^${ex.name}$`) }).click();
    await arrive(new RegExp(`/kit/services/${ex.name}/$`), new RegExp(`^${ex.name}`));
    expect(await textOf(page.locator('.ss-badges .ss-level').first())).toBe(`level ${level}`);
    expect(await textOf(page.locator('.ss-badges .ss-tag', { hasText: 'adopted' }))).toBe('adopted');
    expect(await brokenLinks()).toEqual([]);
    await shot(`21-${ex.name}-service`);

    await page.locator('.vp-doc a', { hasText: 'API reference' }).click();
    await arrive(new RegExp(`/services/${ex.name}/api$`), /API reference/);
    const operation = page.locator('[data-testid="redoc"] h2', { hasText: ex.operation }).first();
    expect(await textOf(operation)).toMatch(ex.operation);
    expect(await brokenLinks()).toEqual([]);
    await shot(`22-${ex.name}-api-reference`);

    // A bundle doc adopt pre-filled, and a runbook, each reached from the service page.
    await page.goto(`${site.url}services/${ex.name}/`);
    // The router changes the URL before the page renders: wait for the note naming the rendered file.
    const rendered = (rel: string) =>
      page.locator('.ss-source-note code', { hasText: new RegExp(`^${rel}$`) }).waitFor();
    await page.locator('.vp-doc h2#documents + ul a', { hasText: 'DATA MODEL' }).click();
    await page.waitForURL(new RegExp(`/services/${ex.name}/docs/DATA_MODEL$`));
    await rendered('docs/DATA_MODEL.md');
    expect(await brokenLinks()).toEqual([]);
    await page.goto(`${site.url}services/${ex.name}/`);
    const runbook = page.locator('.vp-doc h2#runbooks + ul a').first();
    const runbookName = await textOf(runbook);
    await runbook.click();
    await page.waitForURL(new RegExp(`/services/${ex.name}/runbooks/${runbookName}$`));
    await rendered(`${ex.runbooks}/${runbookName}.md`);
    expect(await brokenLinks()).toEqual([]);
    await shot(`23-${ex.name}-runbook`);

    expect(offsite).toEqual([]);
  });
});
