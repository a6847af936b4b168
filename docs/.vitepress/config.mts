import { existsSync, readFileSync } from 'node:fs';
import { slug } from 'github-slugger';
import { bundledLanguages } from 'shiki';
import { defineConfig } from 'vitepress';

const PLAIN = new Set(['txt', 'text', 'plain', 'plaintext', 'ansi']);
import type { SiteNav } from '../src/site/generate.js';

// The generated part of the navigation (references, services) comes from the build step (src/cli/build.ts),
// which writes it beside the generated pages before VitePress starts.
// SHIPSHAPE_DOCS_SRC names the generated folder when a build writes elsewhere than docs/dist, so builds
// of different outputs never share their sources.
const srcDir = process.env.SHIPSHAPE_DOCS_SRC ?? '.gen';
const navFile = new URL(`../${srcDir}/.site.json`, import.meta.url);
const nav: SiteNav = existsSync(navFile)
  ? JSON.parse(readFileSync(navFile, 'utf8'))
  : { reference: [], services: [], diffRules: false };

export default defineConfig({
  title: 'Shipshape',
  description: 'Service readiness kit for TypeScript monorepos: kit documentation and the service catalog.',
  srcDir,
  outDir: 'dist',
  cacheDir: `.vitepress/cache/vite${srcDir === '.gen' ? '' : `-${srcDir}`}`,
  cleanUrls: true,
  lastUpdated: false,
  // VitePress fails the build on a dead page link. Source views and reports are static files that it does
  // not know; src/site/link-check.ts checks every link of the built site, those included, after the build.
  ignoreDeadLinks: [/\/source\//, /\/files\//, /^\.?\/?vendor\//],
  markdown: {
    // Service docs are written for GitHub and link to each other's headings with GitHub's slugs.
    anchor: { slugify: (s: string) => slug(s) },
    config(md) {
      // ```mermaid fences become a <pre class="mermaid"> the theme renders in the browser (mermaid is
      // vendored and loaded on demand, so pages without diagrams never load it).
      const fence = md.renderer.rules.fence!;
      md.renderer.rules.fence = (tokens, idx, options, env, self) => {
        const token = tokens[idx];
        if (token.info.trim() === 'mermaid') {
          return `<pre class="mermaid" v-pre>${md.utils.escapeHtml(token.content)}</pre>\n`;
        }
        // A language shiki does not ship (promql in runbooks) is shown as plain text instead of failing.
        const lang = token.info.trim().split(/[\s{:]/)[0];
        if (lang && !(lang in bundledLanguages) && !PLAIN.has(lang))
          token.info = 'txt' + token.info.trim().slice(lang.length);
        return fence(tokens, idx, options, env, self);
      };
    },
  },
  themeConfig: {
    search: { provider: 'local' },
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Reference', link: '/reference/cli' },
      { text: 'Catalog', link: '/catalog/' },
      { text: 'Matrix', link: '/catalog/matrix' },
    ],
    sidebar: {
      '/guide/': [
        {
          text: 'Guide',
          items: [
            { text: 'Getting started', link: '/guide/getting-started' },
            { text: 'Scaffold a service', link: '/guide/scaffold' },
            { text: 'Verify a staging URL in CI', link: '/guide/verify-in-ci' },
            { text: 'Judge readiness', link: '/guide/readiness' },
            { text: 'Publish the site', link: '/guide/publish' },
            { text: 'Portals and scorecards', link: '/guide/portals' },
          ],
        },
      ],
      '/reference/': [{ text: 'Reference', items: nav.reference }],
      '/catalog/': [
        {
          text: 'Catalog',
          items: [
            { text: 'Services', link: '/catalog/' },
            { text: 'Monorepo matrix', link: '/catalog/matrix' },
            { text: 'What blocks L4', link: '/catalog/blockers' },
          ],
        },
        { text: 'Services', items: nav.services },
      ],
      '/services/': [
        {
          text: 'Catalog',
          items: [
            { text: 'All services', link: '/catalog/' },
            { text: 'What blocks L4', link: '/catalog/blockers' },
          ],
        },
        { text: 'Services', items: nav.services },
      ],
    },
  },
});
