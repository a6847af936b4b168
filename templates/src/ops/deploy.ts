/** Replicas, autoscaling, disruption budget, resources and recovery objectives of a tier (ops/data/deploy.yaml). */
import type { DeployDefaults, Tier } from '../model/types.js';
import { load } from './data.js';

export function deployDefaults(tier: Tier): DeployDefaults {
  const row = load<{ tiers: Record<Tier, DeployDefaults> }>('deploy.yaml').tiers[tier];
  return { ...row, requests: { ...row.requests }, limits: { ...row.limits } };
}
