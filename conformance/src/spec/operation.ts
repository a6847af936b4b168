import type { JsonSchema, Operation, Parameter, ResponseSpec } from './model.js';

/**
 * One operation of the document as the checks see it: parameters merged, media types lower-cased,
 * security resolved.
 */
export function toOperation(
  method: string,
  path: string,
  op: Record<string, unknown>,
  shared: Record<string, unknown>[],
  globalSecurity: unknown[] | undefined,
): Operation {
  const params = new Map<string, Parameter>();
  for (const raw of [...shared, ...((op.parameters ?? []) as Record<string, unknown>[])]) {
    if (!raw || typeof raw.name !== 'string') continue;
    const p: Parameter = {
      name: raw.name,
      in: raw.in as Parameter['in'],
      required: raw.required === true || raw.in === 'path',
      schema: raw.schema as JsonSchema | undefined,
    };
    params.set(`${p.in}:${p.name.toLowerCase()}`, p);
  }
  const responses: Record<string, ResponseSpec> = {};
  for (const [status, raw] of Object.entries(
    (op.responses ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    const content: Record<string, JsonSchema | undefined> = {};
    for (const [type, media] of Object.entries(
      (raw?.content ?? {}) as Record<string, { schema?: JsonSchema }>,
    )) {
      content[type.toLowerCase()] = media?.schema;
    }
    const headers: ResponseSpec['headers'] = {};
    for (const [name, h] of Object.entries((raw?.headers ?? {}) as Record<string, Record<string, unknown>>)) {
      headers[name.toLowerCase()] = {
        schema: h?.schema as JsonSchema | undefined,
        required: h?.required === true,
      };
    }
    responses[status.toUpperCase()] = { content, headers };
  }
  let requestBody: Operation['requestBody'];
  const rb = op.requestBody as
    { required?: boolean; content?: Record<string, { schema?: JsonSchema }> } | undefined;
  if (rb?.content) {
    const content: Record<string, JsonSchema | undefined> = {};
    for (const [type, media] of Object.entries(rb.content)) content[type.toLowerCase()] = media?.schema;
    requestBody = { required: rb.required === true, content };
  }
  const security = (op.security as unknown[] | undefined) ?? globalSecurity ?? [];
  const secured =
    security.length > 0 &&
    !security.some((req) => req && typeof req === 'object' && Object.keys(req).length === 0);
  return {
    method: method.toUpperCase(),
    path,
    operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
    deprecated: op.deprecated === true,
    parameters: [...params.values()],
    requestBody,
    responses,
    secured,
    securitySchemes: security.flatMap((req) => (req && typeof req === 'object' ? Object.keys(req) : [])),
  };
}
