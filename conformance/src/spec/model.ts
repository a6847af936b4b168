/** What discovery makes of an OpenAPI document: the operations, the CRUD resource, the codes. */

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema?: JsonSchema;
}

export interface ResponseSpec {
  /** Documented media types and their schemas (schema undefined when none is given). */
  content: Record<string, JsonSchema | undefined>;
  headers: Record<string, { schema?: JsonSchema; required: boolean }>;
}

export interface Operation {
  method: string;
  /** Path template as the service serves it (server base path included). */
  path: string;
  operationId?: string;
  deprecated: boolean;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, JsonSchema | undefined> };
  responses: Record<string, ResponseSpec>;
  /** Effective security requirement is non-empty (and not `{}` alone). */
  secured: boolean;
  /** Scheme names of the effective security requirements. */
  securitySchemes: string[];
}

export interface Resource {
  collectionPath: string;
  itemPath: string;
  idParam: string;
  list?: Operation;
  create?: Operation;
  read?: Operation;
  update?: Operation;
  remove?: Operation;
  /** A nested collection's parent (created first, deleted last) and the path parameter naming it. */
  parent?: { resource: Resource; param: string };
  /** A nested resource's templates once its paths are filled with tenant A's parent. */
  template?: { collectionPath: string; itemPath: string };
}

export interface ApiModel {
  source: string;
  openapi: string;
  /** `3.1` documents are JSON Schema 2020-12; `3.0` ones use the OpenAPI dialect (nullable). */
  dialect: '3.0' | '3.1';
  title: string;
  basePath: string;
  /** Prefix of business routes: configured, else detected from the paths (server base path included). */
  apiPrefix: string;
  operations: Operation[];
  /** Paths and the methods documented on each. */
  methodsByPath: Map<string, string[]>;
  resource?: Resource;
  /** Why candidate resources were passed over (or why none was found), for the plan and skips. */
  resourceRejections: string[];
  /** `components.securitySchemes` as the document gives them. */
  securitySchemes: Record<string, { type?: string; scheme?: string; in?: string; name?: string }>;
  /** Error codes the spec enumerates (a `code` member with an enum in a problem schema). */
  problemCodes: Set<string>;
}
