/**
 * How a tenant's credential is sent: read from the spec's `securitySchemes` (HTTP bearer or another
 * scheme such as `Token`, an API key in a header, query parameter or cookie, a cookie session), or
 * from a header template (`--auth-header 'X-Api-Key: {credential}'` / config `auth.header`).
 */
export type Placement =
  | { in: 'header'; name: string; template: string }
  | { in: 'query'; name: string }
  | { in: 'cookie'; name: string };

export interface AuthPlan {
  placement: Placement;
  /** Where it came from, for the plan line: `securitySchemes.bearerAuth (http bearer)`. */
  source: string;
  /** True when the credential is an HTTP bearer token (JWT forgeries make sense). */
  bearer: boolean;
}

export const BEARER: AuthPlan = {
  placement: { in: 'header', name: 'authorization', template: 'Bearer {credential}' },
  source: 'default (HTTP bearer)',
  bearer: true,
};

export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

/** Parses `Name: template` (the template holds `{credential}`; without it the credential follows). */
export function headerTemplate(text: string, source: string): AuthPlan {
  const at = text.indexOf(':');
  const name = text.slice(0, at).trim();
  if (at <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new AuthConfigError(
      `${source} "${text}" must look like 'Name: template' (e.g. 'X-Api-Key: {credential}')`,
    );
  let template = text.slice(at + 1).trim();
  if (!template.includes('{credential}')) template = template ? `${template} {credential}` : '{credential}';
  return {
    placement: { in: 'header', name: name.toLowerCase(), template },
    source,
    bearer: /^bearer \{credential\}$/i.test(template) && name.toLowerCase() === 'authorization',
  };
}

type Scheme = { type?: string; scheme?: string; in?: string; name?: string };

/** The plan for one securitySchemes entry; undefined for a kind the suite cannot send. */
export function fromScheme(name: string, scheme: Scheme): AuthPlan | undefined {
  const source = `securitySchemes.${name}`;
  const type = scheme.type?.toLowerCase();
  if (type === 'http') {
    const word = (scheme.scheme ?? 'bearer').trim();
    const canonical =
      word.toLowerCase() === 'bearer' ? 'Bearer' : word.toLowerCase() === 'basic' ? 'Basic' : word;
    return {
      placement: { in: 'header', name: 'authorization', template: `${canonical} {credential}` },
      source: `${source} (http ${word})`,
      bearer: canonical === 'Bearer',
    };
  }
  if (type === 'oauth2' || type === 'openidconnect')
    return { ...BEARER, source: `${source} (${scheme.type}: bearer token)` };
  if (
    type === 'apikey' &&
    scheme.name &&
    (scheme.in === 'header' || scheme.in === 'query' || scheme.in === 'cookie')
  ) {
    const placement: Placement =
      scheme.in === 'header'
        ? { in: 'header', name: scheme.name.toLowerCase(), template: '{credential}' }
        : { in: scheme.in, name: scheme.name };
    return { placement, source: `${source} (apiKey in ${scheme.in} "${scheme.name}")`, bearer: false };
  }
  return undefined;
}

/**
 * Chooses how to send credentials: the config/CLI template wins; else the named scheme; else the
 * scheme the secured operations name most; else HTTP bearer.
 */
export function chooseAuth(
  schemes: Record<string, Scheme>,
  used: string[],
  options: { header?: string; scheme?: string },
): AuthPlan {
  if (options.header) return headerTemplate(options.header, '--auth-header / config auth.header');
  if (options.scheme) {
    const scheme = schemes[options.scheme];
    if (!scheme)
      throw new AuthConfigError(
        `config auth.scheme "${options.scheme}" is not in the spec's securitySchemes (${Object.keys(schemes).join(', ') || 'none'})`,
      );
    const plan = fromScheme(options.scheme, scheme);
    if (!plan)
      throw new AuthConfigError(
        `securitySchemes.${options.scheme} (${scheme.type}) cannot be sent; use --auth-header`,
      );
    return plan;
  }
  const counts = new Map<string, number>();
  for (const name of used) counts.set(name, (counts.get(name) ?? 0) + 1);
  const ordered = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  for (const name of [...ordered, ...Object.keys(schemes)]) {
    const plan = schemes[name] && fromScheme(name, schemes[name]);
    if (plan) return plan;
  }
  return BEARER;
}

/** What a request carries for a credential: extra headers and query pairs. */
export function place(
  plan: AuthPlan,
  credential: string,
): { headers: Array<[string, string]>; query: Array<[string, string]> } {
  const p = plan.placement;
  if (p.in === 'header')
    return { headers: [[p.name, p.template.replace('{credential}', credential)]], query: [] };
  if (p.in === 'query') return { headers: [], query: [[p.name, credential]] };
  return { headers: [['cookie', `${p.name}=${credential}`]], query: [] };
}

/** How the plan reads in the run's opening lines. */
export function describeAuth(plan: AuthPlan): string {
  const p = plan.placement;
  const where =
    p.in === 'header'
      ? `header ${p.name}: ${p.template.replace('{credential}', '<credential>')}`
      : p.in === 'query'
        ? `query ?${p.name}=<credential>`
        : `cookie ${p.name}=<credential>`;
  return `${where} — ${plan.source}`;
}
