import type { AuthPlan } from './auth.js';
import type { Exchange, Principal } from './http.js';
import type { Evidence, EvidenceResponse } from './types.js';

/** What evidence shows of an exchange: secrets masked, a curl line that reproduces it. */
const EVIDENCE_BODY_CHARS = 2000;
/** Response members whose values are masked in evidence. */
export const SECRET_MEMBER =
  /(pass(word|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|authorization)/i;
export const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key)$/i;

export function maskQuery(url: string, name: string, credential: string): string {
  return url.replace(
    `${encodeURIComponent(name)}=${encodeURIComponent(credential)}`,
    `${encodeURIComponent(name)}=***`,
  );
}

export function maskHeaders(
  headers: Array<[string, string]>,
  secret: (name: string) => boolean,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const masked = secret(name) ? maskHeaderValue(value) : value;
    const existing = out[name];
    out[name] =
      existing === undefined ? masked : [...(Array.isArray(existing) ? existing : [existing]), masked];
  }
  return out;
}

function maskHeaderValue(value: string): string {
  const [scheme, rest] = value.split(/\s+/, 2);
  return rest === undefined ? '***' : `${scheme} ***`;
}

/** Masks the values of secret-like members in a JSON text; a non-JSON text is returned as is. */
export function maskBody(text: string): string {
  try {
    const value = JSON.parse(text) as unknown;
    return JSON.stringify(maskValue(value));
  } catch {
    return text;
  }
}

function maskValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [
        key,
        SECRET_MEMBER.test(key) && typeof member === 'string' ? '***' : maskValue(member),
      ]),
    );
  }
  return value;
}

export function trim(text: string): string {
  return text.length > EVIDENCE_BODY_CHARS
    ? `${text.slice(0, EVIDENCE_BODY_CHARS)}… (${text.length} chars)`
    : text;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The env variable a curl line uses for a tenant's token: `TOKEN_A` for tenant `a`. */
export function tokenVariable(tenantId: string): string {
  return `TOKEN_${tenantId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

export function toEvidence(
  exchange: Exchange,
  sent: Array<[string, string]>,
  principal: Principal | undefined,
  body: string | undefined,
  plan: AuthPlan,
  secret: (name: string) => boolean,
): Evidence {
  const tenant = principal && 'token' in principal ? principal : undefined;
  const variable = tenant ? `$${tokenVariable(tenant.id)}` : '';
  const p = plan.placement;
  // A tenant's credential appears as its $TOKEN_<TENANT> variable, wherever the scheme puts it.
  const url =
    tenant && p.in === 'query'
      ? `"${exchange.request.url.replace(`${encodeURIComponent(p.name)}=***`, `${encodeURIComponent(p.name)}=${variable}`)}"`
      : shellQuote(exchange.request.url);
  const parts = ['curl', '-sS', '-i', '-X', exchange.request.method, url];
  for (const [name, value] of sent) {
    if (name === 'accept') continue;
    if (tenant && p.in === 'header' && name === p.name) {
      const label = name === 'authorization' ? 'Authorization' : name;
      parts.push('-H', `"${label}: ${p.template.replace('{credential}', variable)}"`);
    } else if (tenant && p.in === 'cookie' && name === 'cookie') {
      parts.push('-b', `"${p.name}=${variable}"`);
    } else if (secret(name) && !(principal && 'invalidToken' in principal)) {
      parts.push('-H', shellQuote(`${name}: ***`));
    } else {
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
  }
  if (body !== undefined) parts.push('--data-raw', shellQuote(body.length > 4000 ? maskBody(body) : body));
  const response: EvidenceResponse | null = exchange.error
    ? null
    : {
        status: exchange.status,
        headers: exchange.headers,
        body: trim(maskBody(exchange.bodyText)),
        durationMs: exchange.durationMs,
      };
  const evidence: Evidence = {
    request: exchange.request,
    response,
    curl: parts.join(' '),
    tenant: exchange.principal,
  };
  if (exchange.error) evidence.error = exchange.error;
  return evidence;
}
