import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../types.js';
import { toConformanceJson } from './json.js';
import { toJunit } from './junit.js';
import { toMarkdown } from './markdown.js';

/** Writes conformance.json, junit.xml and summary.md into a directory (created when missing). */
export async function writeReports(report: Report, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ['conformance.json', JSON.stringify(toConformanceJson(report), null, 2) + '\n'],
    ['junit.xml', toJunit(report)],
    ['summary.md', toMarkdown(report)],
  ];
  await Promise.all(files.map(([name, text]) => writeFile(join(dir, name), text)));
  return files.map(([name]) => join(dir, name));
}
