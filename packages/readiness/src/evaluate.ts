import {
  attestationEvidence,
  attestationProblem,
  freshWindow,
  judgeAttestation,
  notApplicableAttestation,
} from './attested.js';
import { judgeCustom } from './custom/judge.js';
import { loadCatalog, type Catalog, type GateDef, type GroupDef } from './catalog.js';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { gitCommit, hashInputs, serviceOutputs } from './provenance.js';
import { createContext, ReadinessInputError, type ContextOptions, type EvalContext } from './context.js';
import { CustomGatesError, withCustomGates } from './custom/load.js';
import { evaluators } from './evaluators/index.js';
import { combine, fromLint } from './evaluators/support.js';
import { GATES } from '@shipshape/spectral-ruleset/gates';
import { descriptorScope, judgeScoped } from './scope.js';
import { blockingGates, deriveLevel, targetLevel } from './levels.js';
import { oneLine } from '@shipshape/cli-kit';
import type { BundleRole } from '@shipshape/contracts';
import type { GateResult, ReadinessResult, Verdict } from './types.js';

/** Gates some lint rule evidences (house, service or OWASP rules). */
const LINT_GATES: ReadonlySet<string> = new Set(Object.values(GATES));

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
  let catalog: Catalog;
  try {
    catalog = withCustomGates(options.catalog ?? loadCatalog(), resolve(serviceDir)).catalog;
  } catch (error) {
    if (error instanceof CustomGatesError) throw new ReadinessInputError(error.message);
    throw error;
  }
  const ctx = await createContext(serviceDir, catalog, options);
  const warnings = await attestationWarnings(ctx);
  const gates: GateResult[] = [];
  for (const group of catalog.groups) {
    const applicability = await groupApplicability(ctx, group);
    if (applicability.warning) warnings.push(applicability.warning);
    for (const gate of group.gates) {
      gates.push(await evaluateGate(ctx, gate));
    }
  }
  const { target, source } = targetLevel(catalog, ctx.settings.target, ctx.tier, ctx.layout.readiness.file);
  const summary = { GREEN: 0, AMBER: 0, RED: 0 };
  for (const g of gates) summary[g.status]++;
  const inputs = await hashInputs(ctx.dir, ['**'], serviceOutputs(ctx.layout));
  const commit = gitCommit(ctx.dir);
  return {
    provenance: {
      ...(commit ? { commit } : {}),
      inputsHash: inputs.inputsHash,
      catalogHash: `sha256:${createHash('sha256').update(JSON.stringify(catalog.gates)).digest('hex')}`,
    },
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
  warning?: string;
}

/**
 * A doc's front matter cannot take a group out of scope any more (the templates used to declare sync and AI out of
 * scope at birth): it is pointed out, and only an attestation by a person makes the group's gates not apply.
 */
async function groupApplicability(ctx: EvalContext, group: GroupDef): Promise<Applicability> {
  if (!group.applicability) return {};
  const file =
    ctx.layout.docs.bundle[group.applicability as BundleRole] ??
    `${ctx.layout.docs.dir}/${group.applicability}.md`;
  const doc = await ctx.markdown(file);
  if (!doc || doc.frontMatterError || doc.frontMatter.applies !== false) return {};
  const attested = await notApplicableAttestation(
    ctx,
    group.gates.find((g) => g.attestable) ?? group.gates[0],
  );
  if (attested) return {};
  return {
    warning: `${file} says applies: false, which is not enough: a person attests it with { gate: ${group.id}.*, by, at, applies: false, reason } in ${ctx.layout.readiness.attestations}`,
  };
}

async function evaluateGate(ctx: EvalContext, gate: GateDef): Promise<GateResult> {
  const head = {
    id: gate.id,
    group: gate.group,
    title: gate.title,
    level: gate.level,
    judged: gate.judged,
    attestable: gate.attestable,
    blocking: gate.blocking,
  };
  const attestedNA = await notApplicableAttestation(ctx, gate);
  if (attestedNA && !gate.alwaysEvaluate) {
    return {
      ...head,
      status: 'GREEN',
      code: 'NOT_APPLICABLE',
      reason: `does not apply: ${attestedNA.reason} (attested by ${attestedNA.by})`,
      evidence: [attestationEvidence(ctx, attestedNA)],
      applies: false,
    };
  }
  let verdict: Verdict;
  const scope = descriptorScope(ctx, gate.id);
  try {
    if (scope) {
      verdict = await judgeScoped(ctx, gate, scope);
    } else if (gate.check) {
      verdict = await judgeCustom(ctx, gate, gate.check);
    } else if (gate.judged === 'attested') {
      verdict = await judgeAttestation(ctx, gate);
      // A person's word does not outweigh a lint error on the same gate (e.g. an http:// server under sec.crypto).
      // (lint that cannot run is no evidence against the attestation)
      const lint = LINT_GATES.has(gate.id) ? await fromLint(ctx, gate.id).catch(() => undefined) : undefined;
      if (lint?.status === 'RED') verdict = combine([verdict, lint]);
    } else {
      const evaluator = evaluators[gate.id];
      verdict = evaluator
        ? await evaluator(ctx)
        : {
            status: 'AMBER',
            code: 'UNKNOWN',
            reason: `no evaluator for ${gate.id} in this version`,
            evidence: [],
          };
    }
  } catch (error) {
    if ((error as Error).name === 'ReadinessInputError') throw error;
    // An evaluator that cannot read what it needs has no evidence: AMBER with the reason, never a crash.
    verdict = {
      status: 'AMBER',
      code: 'UNKNOWN',
      reason: `could not evaluate: ${oneLine(error)}`,
      evidence: [],
    };
  }
  return { ...head, ...verdict, applies: verdict.code !== 'NOT_APPLICABLE' };
}

/** Attestations that name no gate of the catalog, or a gate that does not accept one, are pointed out. */
async function attestationWarnings(ctx: EvalContext): Promise<string[]> {
  const file = await ctx.attestations();
  const out: string[] = [];
  const byId = new Map(ctx.catalog.gates.map((g) => [g.id, g]));
  for (const a of file.entries) {
    const where = `${ctx.layout.readiness.attestations}:${a.line}`;
    if (a.gate.endsWith('.*')) {
      const group = ctx.catalog.groups.find((g) => `${g.id}.*` === a.gate);
      if (!group) out.push(`${where}: attestation for unknown group ${a.gate}`);
      else if (a.applies !== false)
        out.push(`${where}: a group (${a.gate}) can only be attested as not applying`);
      else if (!group.gates.some((g) => g.attestable || descriptorScope(ctx, g.id)))
        out.push(`${where}: ${a.gate} is ignored: none of its gates accepts an attestation`);
    } else {
      const gate = byId.get(a.gate);
      if (!gate) out.push(`${where}: attestation for unknown gate ${a.gate}`);
      else if (!gate.attestable && !(a.applies === false && descriptorScope(ctx, gate.id)))
        out.push(
          `${where}: attestation for ${a.gate}${a.applies === false ? ' (applies: false)' : ''} is ignored: that gate is judged from artifacts only`,
        );
    }
    const gate = byId.get(a.gate);
    if (gate && a.expiresAfter && freshWindow(gate, a).lengthened)
      out.push(
        `${where}: expiresAfter ${a.expiresAfter} cannot lengthen the ${gate.freshFor ?? '365d'} window of ${gate.id}`,
      );
    const problem = attestationProblem(ctx, a);
    if (problem) out.push(`${where}: not accepted: ${problem}`);
  }
  for (const i of file.invalid) out.push(`${ctx.layout.readiness.attestations}:${i.line}: ${i.problem}`);
  return out;
}
