/** Renders services the way the generator does, for tests that inspect the generated files. */
import {
  buildServiceModel,
  renderService,
  type IfMatchPolicy,
  type ServiceModel,
  type Tier,
} from '@shipshape/templates';

export interface Rendered {
  model: ServiceModel;
  files: Map<string, string>;
}

export function render(
  name: string,
  resource: string,
  extra: string[] = [],
  org = 'acme',
  tier: Tier = 't1',
  ifMatch?: Record<string, IfMatchPolicy>,
): Rendered {
  const model = buildServiceModel({
    name,
    org,
    tier,
    owner: `@${org}/${name}-team`,
    resource,
    resources: extra,
    ifMatch,
    directory: `services/${name}`,
  });
  const { service } = renderService(model, { tsconfigBase: true, rootEslint: true });
  return { model, files: new Map(service.map((f) => [f.path, f.content])) };
}
