import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { EvalContext } from '../context.js';
import { isDir, listFiles, readText } from './files.js';

export interface WorkflowStep {
  file: string;
  name?: string;
  /** The shell of the step with comment lines and trailing comments removed. */
  run: string;
}

/**
 * The steps of the service's own CI workflows: a workflow of the repository named after the service, or whose
 * triggers are limited to the service's folder (`paths:`). Another service's workflow is not evidence for this one,
 * and a comment is not a step.
 */
export async function ownWorkflowSteps(
  ctx: EvalContext,
): Promise<{ files: string[]; steps: WorkflowStep[] }> {
  const root = ctx.repoRoot() ?? ctx.dir;
  const serviceRel = relative(root, ctx.dir).replace(/\\/g, '/');
  const dirs = [join(root, '.github', 'workflows'), join(ctx.dir, '.github', 'workflows')].filter(isDir);
  const files = [
    ...new Set((await Promise.all(dirs.map((d) => listFiles(d, (n) => /\.ya?ml$/.test(n))))).flat()),
  ];
  const own: string[] = [];
  const steps: WorkflowStep[] = [];
  for (const file of files) {
    let doc: Record<string, unknown>;
    try {
      doc = (parse((await readText(file)) ?? '') ?? {}) as Record<string, unknown>;
    } catch {
      continue;
    }
    const base = file
      .split('/')
      .pop()!
      .replace(/\.ya?ml$/, '');
    const triggers = JSON.stringify(doc.on ?? doc[true as unknown as string] ?? {});
    const mine =
      base === ctx.service ||
      file.startsWith(ctx.dir) ||
      (serviceRel !== '' && triggers.includes(`${serviceRel}/`));
    if (!mine) continue;
    own.push(relative(ctx.dir, file));
    for (const job of Object.values((doc.jobs ?? {}) as Record<string, { steps?: unknown[] }>)) {
      for (const raw of job?.steps ?? []) {
        const step = (raw ?? {}) as { name?: unknown; run?: unknown; if?: unknown };
        if (typeof step.run !== 'string' || step.if === false || step.if === 'false') continue;
        const run = step.run
          .split('\n')
          .map((l) => l.replace(/(^|\s)#.*$/, ''))
          .filter((l) => l.trim() !== '')
          .join('\n');
        steps.push({
          file: relative(ctx.dir, file),
          ...(typeof step.name === 'string' ? { name: step.name } : {}),
          run,
        });
      }
    }
  }
  return { files: own, steps };
}
