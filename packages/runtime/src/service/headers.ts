import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Route config `deprecated`: the route keeps working and announces its end. */
export interface DeprecationConfig {
  /** When the route was deprecated (ISO date); sent as `Deprecation: @<epoch seconds>` (RFC 9745). */
  since?: string;
  /** When it stops working (ISO date); sent as `Sunset: <HTTP-date>` (RFC 8594). */
  sunset?: string;
  /** A page about the deprecation; sent as `Link: <url>; rel="deprecation"`. */
  link?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `true` or `{ since?, sunset?, link? }` → `Deprecation` / `Sunset` / `Link` headers on every response. */
    deprecated?: boolean | DeprecationConfig;
  }
}

function parseDate(value: string, route: string, option: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(
      `route ${route}: config.deprecated.${option} is not a date: ${JSON.stringify(value)}`,
    );
  }
  return date;
}

/** Header values for a route's deprecation config (validated; throws naming the route and option). */
export function deprecationHeaders(
  config: boolean | DeprecationConfig,
  route: string,
): Record<string, string> {
  if (config === false) return {};
  if (config === true) return { deprecation: 'true' };
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`route ${route}: config.deprecated must be true or { since?, sunset?, link? }`);
  }
  const headers: Record<string, string> = {};
  // RFC 9745 wants a date; without `since` the draft's `true` form is the honest value.
  headers.deprecation = config.since
    ? `@${Math.floor(parseDate(config.since, route, 'since').getTime() / 1000)}`
    : 'true';
  if (config.sunset) headers.sunset = parseDate(config.sunset, route, 'sunset').toUTCString();
  if (config.link) {
    try {
      new URL(config.link);
    } catch {
      throw new TypeError(
        `route ${route}: config.deprecated.link is not a URL: ${JSON.stringify(config.link)}`,
      );
    }
    headers.link = `<${config.link}>; rel="deprecation"; type="text/html"`;
  }
  return headers;
}

/**
 * Response headers every service sends: `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
 * `Referrer-Policy: no-referrer`, no `Server`/`X-Powered-By` (Node and Fastify set neither; this hook
 * removes them if a plugin does), and the deprecation headers of routes configured with `deprecated`.
 */
async function headersPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const config = route.config?.deprecated;
    if (config === undefined) return;
    const headers = deprecationHeaders(config, `${[route.method].flat().join(',')} ${route.url}`);
    const entries = Object.entries(headers);
    const onSend = (
      _request: unknown,
      reply: { header(n: string, v: string): unknown },
      payload: unknown,
      done: (err: null, payload: unknown) => void,
    ) => {
      for (const [name, value] of entries) reply.header(name, value);
      done(null, payload);
    };
    route.onSend = [...(route.onSend ? [route.onSend].flat() : []), onSend] as typeof route.onSend;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (reply.hasHeader('server')) reply.removeHeader('server');
    if (reply.hasHeader('x-powered-by')) reply.removeHeader('x-powered-by');
    done(null, payload);
  });
}

export default fp(headersPlugin, { name: 'shipshape-headers', fastify: '5.x' });
export { headersPlugin };
