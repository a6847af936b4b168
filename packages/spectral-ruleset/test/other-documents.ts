/**
 * Correct documents of other shapes than test/documents.ts's 3.1 orders API, for the OWASP rule tests: an
 * OpenAPI 3.0 notes API secured by OAuth 2 with an admin area, and a Swagger 2.0 document. Some OWASP rules
 * only run on these formats (`additionalProperties`, integer limits before 3.1, `schemes`).
 */
import type { Doc } from './documents.js';

const headers = () => ({
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' },
});

const failures = () => ({
  '400': { $ref: '#/components/responses/Problem' },
  '401': { $ref: '#/components/responses/Problem' },
  '429': { $ref: '#/components/responses/TooManyRequests' },
  '500': { $ref: '#/components/responses/Failure' },
});

export function openapi30Doc(): Doc {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Notes',
      version: '2.0.0',
      description: 'Notes of one user.',
      contact: { name: 'Notes team', url: 'https://notes.example.org', email: 'notes@example.org' },
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    servers: [
      { url: 'https://notes.example.org/v2', description: 'production', 'x-internal': false },
      { url: 'https://staging.notes.example.org/v2', description: 'staging', 'x-internal': true },
    ],
    tags: [
      { name: 'notes', description: 'Notes.' },
      { name: 'admin', description: 'Administration.' },
    ],
    paths: {
      '/notes': {
        get: {
          operationId: 'listNotes',
          summary: 'List notes',
          description: 'Lists notes.',
          tags: ['notes'],
          security: [{ oauth: ['notes:read'] }],
          parameters: [
            {
              name: 'page',
              in: 'query',
              description: 'Page number.',
              schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 1000 },
            },
          ],
          responses: {
            '200': {
              description: 'Notes.',
              headers: headers(),
              content: {
                'application/json': {
                  schema: { type: 'array', maxItems: 50, items: { $ref: '#/components/schemas/Note' } },
                },
              },
            },
            ...failures(),
          },
        },
        put: {
          operationId: 'replaceNotes',
          summary: 'Replace notes',
          description: 'Replaces every note.',
          tags: ['notes'],
          security: [{ oauth: ['notes:write'] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'array', maxItems: 50, items: { $ref: '#/components/schemas/Note' } },
              },
            },
          },
          responses: { '204': { description: 'Replaced.', headers: headers() }, ...failures() },
        },
      },
      '/admin/notes': {
        delete: {
          operationId: 'purgeNotes',
          summary: 'Purge notes',
          description: 'Deletes every note of every user.',
          tags: ['admin'],
          security: [{ oauth: ['notes:admin'] }],
          responses: { '204': { description: 'Purged.', headers: headers() }, ...failures() },
        },
      },
    },
    components: {
      securitySchemes: {
        oauth: {
          type: 'oauth2',
          description: 'OAuth 2 access tokens (JWTs validated as RFC8725 recommends).',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://id.example.org/authorize',
              tokenUrl: 'https://id.example.org/token',
              refreshUrl: 'https://id.example.org/token',
              scopes: { 'notes:read': 'Read', 'notes:write': 'Write', 'notes:admin': 'Administer' },
            },
          },
        },
      },
      headers: {
        RateLimit: { description: 'Remaining budget.', schema: { type: 'string', maxLength: 100 } },
        'Access-Control-Allow-Origin': {
          description: 'Allowed origin.',
          schema: { type: 'string', maxLength: 200 },
        },
        'Retry-After': {
          description: 'Seconds.',
          schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 3600 },
        },
      },
      responses: {
        Problem: {
          description: 'A client error.',
          headers: headers(),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        TooManyRequests: {
          description: 'Slow down.',
          headers: { ...headers(), 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        Failure: {
          description: 'A server error.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      schemas: {
        Note: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'text'],
          properties: {
            id: { type: 'string', format: 'uuid', maxLength: 36 },
            text: { type: 'string', maxLength: 10000 },
            stars: { type: 'integer', format: 'int32', minimum: 0, maximum: 5 },
          },
        },
        Error: {
          type: 'object',
          properties: { message: { type: 'string', maxLength: 500 } },
        },
      },
    },
  };
}

export function swagger2Doc(): Doc {
  return {
    swagger: '2.0',
    info: { title: 'Legacy', version: '1.0.0', description: 'A legacy API.' },
    host: 'legacy.example.org',
    schemes: ['https'],
    securityDefinitions: { token: { type: 'apiKey', in: 'header', name: 'X-Token' } },
    security: [{ token: [] }],
    paths: {
      '/items': {
        get: {
          operationId: 'listItems',
          summary: 'List items',
          description: 'Lists items.',
          produces: ['application/json'],
          responses: {
            '200': {
              description: 'Items.',
              schema: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 20 } },
            },
          },
        },
      },
    },
  };
}

/** An OpenAPI 3.1 document as OpenAPI 3.0 writes it (`nullable` instead of a `null` type), to reach 3.0-only rules. */
export function as30(doc: Doc): Doc {
  const copy = structuredClone(doc);
  copy.openapi = '3.0.3';
  delete copy.info.license.identifier;
  copy.info.license.url = 'https://opensource.org/licenses/MIT';
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const schema = node as Doc;
    if (Array.isArray(schema.type) && schema.type.includes('null')) {
      schema.type = schema.type.find((t: string) => t !== 'null');
      schema.nullable = true;
    }
    Object.values(schema).forEach(visit);
  };
  visit(copy);
  return copy;
}
