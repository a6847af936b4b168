import { describe, expect, it } from 'vitest';
import { scanSource } from './source.js';

describe('scanSource', () => {
  it('finds mutation routes and what runs inside their tenant transaction, following same-file helpers', () => {
    const facts = scanSource(
      'src/a.ts',
      `
      import OpenAI from 'openai';
      async function save(tx, row) { await tx.outbox.add({ row }); }
      export async function routes(api) {
        api.post('/things', { schema: {} }, async (request) => {
          return api.withTenant(request, async (tx) => {
            await save(tx, request.body);
            await tx.audit.record({ action: 'created' });
          });
        });
        api.delete('/things/:id', async (request) => {
          await app.outbox.add({ outside: true }); // outside any transaction
        });
        api.get('/things', async () => []);
        console.log('hello');
        const url = "https://api.openai.com/v1/chat";
      }
    `,
    );
    expect(facts.routes.map((r) => [r.method, r.path, r.outboxInTx, r.outboxOutsideTx, r.auditInTx])).toEqual(
      [
        ['POST', '/things', 1, 0, 1],
        ['DELETE', '/things/:id', 0, 1, 0],
      ],
    );
    expect(facts.consoleCalls).toEqual([{ method: 'log', line: 15 }]);
    expect(facts.imports.map((i) => i.module)).toEqual(['openai']);
    expect(facts.strings.some((s) => s.text.includes('api.openai.com'))).toBe(true);
  });

  it('reads route({ method, url, handler }) registrations and ignores calls in comments', () => {
    const facts = scanSource(
      'src/b.ts',
      `// api.post('/commented', async () => {})
       fastify.route({ method: 'PATCH', url: '/x/:id', handler: async (req) => fastify.withTenant(req, (tx) => tx.outbox.add({})) });`,
    );
    expect(facts.routes.map((r) => [r.method, r.path, r.outboxInTx])).toEqual([['PATCH', '/x/:id', 1]]);
  });
});
