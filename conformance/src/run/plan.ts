import { describeAuth, type AuthPlan } from '../auth.js';
import type { ResolvedConfig } from '../config.js';
import type { ApiModel, Operation } from '../spec.js';

const op = (o: Operation | undefined) => (o ? `${o.method} ${o.path}` : 'none');

/** The run's opening lines: what it chose and why others were passed over. */
export function planLines(input: {
  model: ApiModel;
  config: ResolvedConfig;
  auth: AuthPlan;
  spec: string;
  profile: string;
  idSource: string;
}): string[] {
  const { model, config, auth } = input;
  const res = model.resource;
  const lines = [
    `spec: ${input.spec}`,
    `prefix: ${config.apiPrefix || '(none: paths start at the root)'} (${config.apiPrefixConfigured ? 'config' : 'detected from the paths and servers'})`,
    `auth: ${describeAuth(auth)}`,
    `profile: ${input.profile}`,
  ];
  if (res) {
    lines.push(
      `resource: ${res.collectionPath} — list ${op(res.list)}, create ${op(res.create)}, read ${op(res.read)}, update ${op(res.update)}, delete ${op(res.remove)}`,
      `ids: ${input.idSource}`,
    );
  } else lines.push('resource: none');
  for (const why of model.resourceRejections.slice(0, 5)) lines.push(`passed over: ${why}`);
  return lines;
}
