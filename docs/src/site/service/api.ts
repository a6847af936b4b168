import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cell, code, esc } from '../util.js';

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

interface OpenApiDoc {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, { operationId?: string; summary?: string; deprecated?: boolean }>>;
}

/** The OpenAPI document parsed once: the page lists operations (searchable) and Redoc renders the rest. */
export async function readOpenApi(serviceDir: string, rel: string): Promise<OpenApiDoc> {
  return parse(await readFile(join(serviceDir, rel), 'utf8')) as OpenApiDoc;
}

/**
 * The API reference page: an operations table (plain Markdown, so local search finds operation ids) and
 * Redoc rendering the document offline from the vendored standalone bundle and a JSON copy of the spec.
 */
export function apiPage(
  service: string,
  specs: { rel: string; json: string; doc: OpenApiDoc }[],
  /** Where the service's descriptor (or the generated layout) says its OpenAPI documents are. */
  from: string[],
): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(`${service} API`)}`,
    'pageClass: ss-wide',
    'aside: false',
    '---',
    '',
    `# ${service}: API reference`,
    '',
  ];
  if (!specs.length) {
    const where = from.length
      ? from.map((f) => `\`${f}\``).join(', ')
      : 'none (its descriptor lists no location)';
    return [...lines, `This service has no OpenAPI document. Looked in: ${where}.`, ''].join('\n');
  }
  for (const s of specs) {
    lines.push(
      `From <a href="./source/${esc(s.rel)}.html" target="_self"><code>${esc(s.rel)}</code></a> — ${esc(s.doc.info?.title ?? '')} ${esc(s.doc.info?.version ?? '')}.`,
      '',
      '| method | path | operation | summary |',
      '|---|---|---|---|',
    );
    for (const [path, item] of Object.entries(s.doc.paths ?? {})) {
      for (const m of METHODS) {
        const op = item?.[m];
        if (!op) continue;
        lines.push(
          `| ${m.toUpperCase()} | ${code(path)} | ${code(op.operationId ?? '')} | ${cell(op.summary)}${op.deprecated ? ' (deprecated)' : ''} |`,
        );
      }
    }
    lines.push('', `<RedocView spec="${esc(s.json)}" />`, '');
  }
  return lines.join('\n');
}

interface AsyncApiDoc {
  info?: { title?: string; version?: string };
  channels?: Record<
    string,
    { address?: string; description?: string; messages?: Record<string, { $ref?: string }> }
  >;
  operations?: Record<
    string,
    { action?: string; channel?: { $ref?: string }; summary?: string; description?: string }
  >;
  components?: {
    messages?: Record<string, { name?: string; title?: string; summary?: string; payload?: unknown }>;
  };
}

/** The AsyncAPI 3.0 document as a page: operations, channels and messages with their payload schemas. */
export async function eventsPage(serviceDir: string, service: string, rels: string[]): Promise<string> {
  const lines = [
    '---',
    `title: ${JSON.stringify(`${service} events`)}`,
    '---',
    '',
    `# ${service}: events`,
    '',
  ];
  for (const rel of rels) {
    const doc = parse(await readFile(join(serviceDir, rel), 'utf8')) as AsyncApiDoc;
    const refName = (ref?: string) => ref?.split('/').pop() ?? '';
    lines.push(
      `From <a href="./source/${esc(rel)}.html" target="_self"><code>${esc(rel)}</code></a> — ${esc(doc.info?.title ?? '')} ${esc(doc.info?.version ?? '')} (AsyncAPI 3.0).`,
      '',
      '## Operations',
      '',
      '| operation | action | channel | address | summary |',
      '|---|---|---|---|---|',
    );
    for (const [id, op] of Object.entries(doc.operations ?? {})) {
      const channel = refName(op.channel?.$ref);
      lines.push(
        `| ${code(id)} | ${cell(op.action)} | ${code(channel)} | ${code(doc.channels?.[channel]?.address ?? '')} | ${cell(op.summary ?? op.description)} |`,
      );
    }
    lines.push('', '## Messages', '');
    for (const [id, msg] of Object.entries(doc.components?.messages ?? {})) {
      lines.push(
        `### ${id}`,
        '',
        cell(msg.summary ?? msg.title ?? ''),
        '',
        '```json',
        JSON.stringify(msg.payload ?? {}, null, 2),
        '```',
        '',
      );
    }
  }
  return lines.join('\n');
}
