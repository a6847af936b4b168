import { openapi, type Doc } from '../documents.js';

/** The base document (prepared) and a copy with one edit: a minimal pair. */
export const pair = (edit: (d: Doc) => void, version = '3.1.0', prepare?: (d: Doc) => void) => {
  const a = openapi(version);
  prepare?.(a);
  const b = structuredClone(a);
  edit(b);
  return [a, b] as const;
};
