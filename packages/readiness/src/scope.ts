/**
 * Gates a service's descriptor puts out of its reach. The gate catalog (@shipshape/contracts gates.yaml) lets only
 * a person take a gate out of scope — by an attestation `{ gate, by, at, applies: false, reason }` on gates that
 * accept one — never a file's say-so (a doc's front matter is not enough for a group either). Some automated gates
 * cannot hold for a shape shipshape.yaml declares: RLS for a single-tenant service (`data.tenancy: none`), the
 * events gates for a service without events (`api.asyncapi: []`). Those are not RED — and not GREEN on the
 * descriptor's word: AMBER until a person attests that the gate (or its group) does not apply, which these gates
 * accept for that shape only; RED when the service's own artifacts contradict the descriptor.
 */
import { attestationEvidence, notApplicableAttestation } from './attested.js';
import type { GateDef } from './catalog.js';
import type { EvalContext } from './context.js';
import { tenancyContradiction } from './evaluators/tenancy.js';
import { declared } from './layout.js';
import { expandSpecLocations } from '@shipshape/contracts';
import type { Verdict } from './types.js';

export interface DescriptorScope {
  /** Why the gate cannot hold, as the descriptor declares the service. */
  reason: string;
  /** The attestation that takes it out of scope (the gate, or its whole group). */
  attest: string;
  /** What in the service's artifacts contradicts the descriptor (a verdict), if anything. */
  contradiction(ctx: EvalContext): Promise<Verdict | undefined>;
}

/** Why the descriptor puts `gate` out of reach, or undefined when it does not. */
export function descriptorScope(ctx: Pick<EvalContext, 'layout'>, gate: string): DescriptorScope | undefined {
  const { layout } = ctx;
  if (gate === 'data.rls_enabled' && layout.tenancy === 'none')
    return {
      reason: 'single-tenant: shipshape.yaml says data.tenancy: none, so no table is tenant-scoped',
      attest: 'data.rls_enabled',
      contradiction: tenancyContradiction,
    };
  if (gate.startsWith('events.') && layout.asyncapi.from.length === 0 && declared(layout, 'api.asyncapi'))
    return {
      reason: 'no events: shipshape.yaml says api.asyncapi: [], so the service publishes and consumes none',
      attest: 'events.*',
      contradiction: eventsContradiction,
    };
  return undefined;
}

/** AsyncAPI documents in the generated layout's folder although the descriptor says there are none. */
async function eventsContradiction(ctx: EvalContext): Promise<Verdict | undefined> {
  const found = expandSpecLocations(ctx.layout.root, ['asyncapi/']);
  if (found.length === 0) return undefined;
  return {
    status: 'RED',
    reason: `shipshape.yaml says api.asyncapi: [], but ${found.join(', ')} exists: name it under api.asyncapi`,
    evidence: found.map((ref) => ({ kind: 'file', ref })),
  };
}

/**
 * A gate the descriptor puts out of reach: the contradiction when there is one, GREEN `NOT_APPLICABLE` once a
 * person attests it, AMBER until then.
 */
export async function judgeScoped(ctx: EvalContext, gate: GateDef, scope: DescriptorScope): Promise<Verdict> {
  const contradiction = await scope.contradiction(ctx);
  if (contradiction) return contradiction;
  const attested = await notApplicableAttestation(ctx, gate, true);
  if (attested)
    return {
      status: 'GREEN',
      code: 'NOT_APPLICABLE',
      reason: `does not apply: ${scope.reason}; ${attested.reason ?? 'no reason given'} (attested by ${attested.by})`,
      evidence: [attestationEvidence(ctx, attested)],
    };
  return {
    status: 'AMBER',
    reason: `${scope.reason} — the descriptor's word is not evidence: a person confirms it with { gate: ${scope.attest}, by, at, applies: false, reason } in ${ctx.layout.readiness.attestations}`,
    evidence: [{ kind: 'file', ref: 'shipshape.yaml', detail: scope.reason }],
  };
}
