import { Agent, request as undiciRequest } from 'undici';
import { BEARER, place, type AuthPlan } from './auth.js';
import { maskBody, maskHeaders, maskQuery, SECRET_HEADER, toEvidence, trim } from './evidence.js';
import type { Evidence, EvidenceRequest } from './types.js';

/** A tenant the suite acts as: its id (the label in evidence) and its credential (sent as the spec says). */
export interface Tenant {
  id: string;
  token: string;
}

/** Who a request runs as: a tenant, no credentials at all, or a deliberately broken credential. */
export type Principal = Tenant | { anonymous: true } | { invalidToken: string };

export interface SendOptions {
  method: string;
  /** Path (with query) relative to the target, or an absolute URL on the target. */
  path: string;
  as?: Principal;
  /** Header pairs in order; a name may repeat (duplicate headers are sent as separate lines). */
  headers?: Array<[string, string]>;
  /** A JSON value (serialised) or a raw string sent as is. */
  json?: unknown;
  raw?: string;
  contentType?: string;
}

export interface Exchange {
  request: EvidenceRequest;
  /** Unmasked request body, for comparisons. */
  sentBody?: string;
  status: number;
  /** Lower-cased header names; repeated headers are arrays. `null` when no answer came. */
  headers: Record<string, string | string[]>;
  bodyText: string;
  /** Parsed JSON body when the body parses, else undefined. */
  json: unknown;
  durationMs: number;
  /** Set when no answer came (timeout, refused, reset). */
  error?: string;
  principal: string | null;
  evidence(): Evidence;
}

export class BudgetExhausted extends Error {
  override readonly name = 'BudgetExhausted';
}

const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpClientOptions {
  baseUrl: URL;
  timeoutMs: number;
  maxRequests: number;
  /** Deadline (epoch ms) after which no new request starts. */
  deadline: number;
  concurrency: number;
  /** How credentials are sent (the runner sets it from the spec before the checks). */
  auth?: AuthPlan;
}

/**
 * The suite's HTTP client. undici (not supertest/superagent) because the checks need what a
 * test helper hides: the raw body bytes (replays must be byte-for-byte), duplicate header lines,
 * header names in odd case, malformed bodies, a hard per-request timeout, keep-alive pooling and a
 * global request budget. Every exchange is recorded so area checks can judge what others provoked.
 */
export class HttpClient {
  readonly agent: Agent;
  readonly exchanges: Exchange[] = [];
  count = 0;
  /** A 429 seen during the run (the runner backs off and retries, the errors area judges it). */
  rateLimited: Exchange | undefined;
  /** Set for clean-up: the request budget no longer applies (the suite must remove what it made). */
  draining = false;

  constructor(readonly options: HttpClientOptions) {
    this.agent = new Agent({
      connections: options.concurrency * 2,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 4_000,
    });
  }

  url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    const base = this.options.baseUrl.href.replace(/\/$/, '');
    return base + (path.startsWith('/') ? path : `/${path}`);
  }

  async send(options: SendOptions, retries = 2): Promise<Exchange> {
    const exchange = await this.sendOnce(options);
    if (exchange.status === 429 && retries > 0) {
      this.rateLimited ??= exchange;
      const wait = retryAfterMs(exchange.headers['retry-after']);
      if (wait !== undefined && wait <= 5_000 && Date.now() + wait < this.options.deadline) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        return this.send(options, retries - 1);
      }
    }
    return exchange;
  }

  private async sendOnce(options: SendOptions): Promise<Exchange> {
    if (!this.draining && this.count >= this.options.maxRequests) {
      throw new BudgetExhausted(`request budget of ${this.options.maxRequests} exhausted`);
    }
    if (!this.draining && Date.now() > this.options.deadline)
      throw new BudgetExhausted('time budget exhausted');
    this.count += 1;
    let url = this.url(options.path);
    const headers: Array<[string, string]> = [];
    const principal = options.as;
    const plan = this.options.auth ?? BEARER;
    let principalLabel: string | null = null;
    const credential =
      principal && 'token' in principal
        ? principal.token
        : principal && 'invalidToken' in principal
          ? principal.invalidToken
          : undefined;
    if (credential !== undefined) {
      principalLabel = principal && 'token' in principal ? principal.id : 'invalid';
      const placed = place(plan, credential);
      headers.push(...placed.headers);
      for (const [name, value] of placed.query)
        url += `${url.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
    }
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.json !== undefined) body = JSON.stringify(options.json);
    if (body !== undefined) {
      headers.push(['content-type', options.contentType ?? 'application/json']);
    }
    headers.push(['accept', 'application/json, application/problem+json;q=0.9, */*;q=0.5']);
    for (const pair of options.headers ?? []) headers.push(pair);

    const secret = plan.placement;
    const maskName = (name: string) =>
      SECRET_HEADER.test(name) || (secret.in === 'header' && name.toLowerCase() === secret.name);
    const shownUrl =
      credential !== undefined && secret.in === 'query' ? maskQuery(url, secret.name, credential) : url;
    const request: EvidenceRequest = {
      method: options.method,
      url: shownUrl,
      headers: maskHeaders(headers, maskName),
    };
    if (body !== undefined) request.body = trim(maskBody(body));
    const started = performance.now();
    const make = (partial: Partial<Exchange>): Exchange => {
      const exchange: Exchange = {
        request,
        sentBody: body,
        status: 0,
        headers: {},
        bodyText: '',
        json: undefined,
        durationMs: Math.round(performance.now() - started),
        principal: principalLabel,
        ...partial,
        evidence: () => toEvidence(exchange, headers, principal, body, plan, maskName),
      };
      this.exchanges.push(exchange);
      return exchange;
    };
    try {
      const flat = headers.flatMap(([name, value]) => [name, value]);
      const res = await undiciRequest(url, {
        method: options.method as 'GET',
        headers: flat,
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const bodyText = await readLimited(res.body);
      const responseHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) responseHeaders[name.toLowerCase()] = value;
      }
      let json: unknown;
      if (bodyText.length > 0) {
        try {
          json = JSON.parse(bodyText);
        } catch {
          json = undefined;
        }
      }
      return make({ status: res.statusCode, headers: responseHeaders, bodyText, json });
    } catch (error) {
      const reason =
        error instanceof Error && (error.name === 'TimeoutError' || /timeout/i.test(error.message))
          ? `no answer within ${this.options.timeoutMs} ms`
          : error instanceof Error
            ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`
            : String(error);
      return make({ error: reason });
    }
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }
}

async function readLimited(body: AsyncIterable<Buffer | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function header(exchange: Pick<Exchange, 'headers'>, name: string): string | undefined {
  const value = exchange.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function mediaType(exchange: Pick<Exchange, 'headers'>): string {
  return (header(exchange, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export { maskBody, tokenVariable, SECRET_MEMBER } from './evidence.js';
