import { judgeAttestation, attestationEvidence, notApplicableAttestation } from './attested.js';
import { loadCatalog, type Catalog, type GateDef, type GroupDef } from './catalog.js';
import { createContext, type ContextOptions, type EvalContext } from './context.js';
import { evaluators } from './evaluators/index.js';
import { blockingGates, deriveLevel, targetLevel } from './levels.js';
import { oneLine } from '@shipshape/cli-kit';
import type { GateResult, ReadinessResult, Verdict } from './types.js';

export interface EvaluateOptions extends ContextOptions {
  /** The gate catalog to use (tests); @shipshape/contracts' gates.yaml by default. */
  catalog?: Catalog;
}

/**
 * Evaluates every gate of the catalog for one service folder: automated gates from artifacts and evidence,
 * attested gates from readiness/attestations.yaml, gates that do not apply as declared. Throws
 * {@link ReadinessInputError} only when the inputs cannot be read at all.
 */
export async function evaluateReadiness(
  serviceDir: string,
  options: EvaluateOptions = {},
): Promise<ReadinessResult> {
  const catalog = options.catalog ?? loadCatalog();
  const ctx = await createContext(serviceDir, catalog, options);
  const warnings = await attestationWarnings(ctx);
  const gates: GateResult[] = [];
  for (const group of catalog.groups) {
    const applicability = await groupApplicability(ctx, group);
    if (applicability.warning) warnings.push(applicability.warning);
    for (const gate of group.gates) {
      gates.push(await evaluateGate(ctx, gate, applicability));
    }
  }
  const { target, source } = targetLevel(catalog, ctx.settings.target, ctx.tier);
  const summary = { GREEN: 0, AMBER: 0, RED: 0 };
  for (const g of gates) summary[g.status]++;
  return {
    service: ctx.service,
    serviceDir: ctx.dir,
    level: deriveLevel(gates),
    target,
    targetSource: source,
    evaluatedAt: ctx.now.toISOString(),
    summary,
    blocking: blockingGates(gates, target),
    gates,
    warnings,
  };
}

interface Applicability {
  applies: boolean;
  /** Who said it does not apply and why, with the evidence. */
  declaration?: Verdict;
  warning?: string;
}

/** Reads a group's `applies: false` from its doc's front matter (the catalog names the doc). */
async function groupApplicability(ctx: EvalContext, group: GroupDef): Promise<Applicability> {
  if (!group.applicability) return { applies: true };
  const file = `docs/${group.applicability}.md`;
  const doc = await ctx.markdown(file);
  if (!doc) return { applies: true };
  if (doc.frontMatterError) return { applies: true, warning: `${file}: ${doc.frontMatterError}` };
  const value = doc.frontMatter.applies;
  if (value === undefined || value === true) return { applies: true };
  if (value !== false)
    return { applies: true, warning: `${file}: front matter applies must be true or false` };
  const reason = typeof doc.frontMatter.reason === 'string' ? doc.frontMatter.reason : 'no reason given';
  return {
    applies: false,
    declaration: {
      status: 'GREEN',
      reason: `does not apply: ${reason} (declared in ${file})`,
      evidence: [{ kind: 'file', ref: file, detail: `applies: false — ${reason}` }],
    },
  };
}

async function evaluateGate(ctx: EvalContext, gate: GateDef, group: Applicability): Promise<GateResult> {
  const head = { id: gate.id, group: gate.group, title: gate.title, level: gate.level, judged: gate.judged };
  const attestedNA = await notApplicableAttestation(ctx, gate.id);
  const declaration: Verdict | undefined =
    group.declaration ??
    (attestedNA
      ? {
          status: 'GREEN',
          reason: `does not apply: ${attestedNA.reason} (attested by ${attestedNA.by})`,
          evidence: [attestationEvidence(attestedNA)],
        }
      : undefined);
  if (declaration && !gate.alwaysEvaluate) return { ...head, ...declaration, applies: false };
  let verdict: Verdict;
  try {
    if (gate.judged === 'attested') {
      verdict = await judgeAttestation(ctx, gate);
    } else {
      const evaluator = evaluators[gate.id];
      verdict = evaluator
        ? await evaluator(ctx)
        : { status: 'AMBER', reason: `no evaluator for ${gate.id} in this version`, evidence: [] };
    }
  } catch (error) {
    if ((error as Error).name === 'ReadinessInputError') throw error;
    // An evaluator that cannot read what it needs has no evidence: AMBER with the reason, never a crash.
    verdict = { status: 'AMBER', reason: `could not evaluate: ${oneLine(error)}`, evidence: [] };
  }
  if (declaration && verdict.status === 'RED') {
    verdict = {
      ...verdict,
      reason: `${verdict.reason} — although ${declaration.reason.replace(/^does not apply: /, 'the service declares it does not apply: ')}`,
    };
  }
  return { ...head, ...verdict, applies: !declaration };
}

/** Attestations that name no gate of the catalog, or an automated gate, are pointed out. */
async function attestationWarnings(ctx: EvalContext): Promise<string[]> {
  const file = await ctx.attestations();
  const out: string[] = [];
  const byId = new Map(ctx.catalog.gates.map((g) => [g.id, g]));
  for (const a of file.entries) {
    if (a.gate.endsWith('.*')) {
      if (!ctx.catalog.groups.some((g) => `${g.id}.*` === a.gate))
        out.push(`attestation for unknown group ${a.gate}`);
      continue;
    }
    const gate = byId.get(a.gate);
    if (!gate) out.push(`attestation for unknown gate ${a.gate}`);
    else if (
      gate.judged === 'automated' &&
      a.applies !== false &&
      gate.id !== 'data.partitions_provisioned'
    ) {
      out.push(`attestation for ${a.gate} is ignored: that gate is judged from artifacts`);
    }
  }
  for (const i of file.invalid) out.push(`readiness/attestations.yaml:${i.line}: ${i.problem}`);
  return out;
}
