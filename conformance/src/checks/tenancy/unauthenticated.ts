import { createHmac } from 'node:crypto';
import type { CheckContext } from '../../context.js';
import { defineCheck, fail, pass, skip } from '../../registry.js';
import { listPath } from '../util.js';

function decodeClaims(token: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
}

/** No, malformed, forged and unsigned credentials answer 401 on the resource's secured reads. */
export const unauthenticatedCheck = defineCheck({
  id: 'tenancy.unauthenticated',
  title: 'No credentials or invalid credentials answer 401',
  gate: 'sec.authentication',
  profile: 'standard',
  writes: false,
  requires: ['resource'],
  async run(ctx) {
    const res = ctx.resource();
    const path =
      res.list && ctx.isSecured(res.list)
        ? listPath(ctx)
        : res.read && ctx.isSecured(res.read)
          ? ctx.itemPath(ctx.randomId())
          : undefined;
    if (!path) return skip(`neither the list nor the read of ${res.collectionPath} declares security`);
    // Forged tokens carry only what is public about A's token (tenant, issuer, audience), never
    // A's own payload or signature, so evidence can show them verbatim and still reproduce.
    const claims = decodeClaims(ctx.tenantA.token);
    const payload = Buffer.from(
      JSON.stringify({
        [ctx.config.tenantClaim]: ctx.tenantIdOf(ctx.tenantA),
        sub: 'shipshape-forged',
        ...(claims.iss ? { iss: claims.iss } : {}),
        ...(claims.aud ? { aud: claims.aud } : {}),
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    ).toString('base64url');
    const hs256 = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const forged = `${hs256}.${payload}.${createHmac('sha256', 'shipshape-wrong-secret').update(`${hs256}.${payload}`).digest('base64url')}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    // Forged and unsigned tokens only mean something when the credential is a JWT.
    const jwt = /^[\w-]+\.[\w-]+\.[\w-]*$/.test(ctx.tenantA.token) && Object.keys(claims).length > 0;
    const cases: Array<[string, Parameters<CheckContext['send']>[0]['as']]> = [
      ['no credentials', { anonymous: true }],
      ['a malformed credential', { invalidToken: 'not-a-jwt' }],
      ...(jwt
        ? ([
            ['a token signed with another key', { invalidToken: forged }],
            ['an unsigned (alg none) token', { invalidToken: none }],
          ] as Array<[string, Parameters<CheckContext['send']>[0]['as']]>)
        : []),
    ];
    const results = await Promise.all(
      cases.map(async ([label, as]) => ({ label, e: await ctx.send({ method: 'GET', path, as }) })),
    );
    const bad = results.find((r) => r.e.status !== 401);
    if (bad) return fail(`${bad.label}: received ${bad.e.status}, expected 401`, bad.e);
    return pass(
      jwt
        ? 'no, malformed, forged and unsigned credentials all answer 401'
        : 'no and malformed credentials answer 401 (the credential is not a JWT: no forgeries to try)',
      results.at(-1)!.e,
    );
  },
});
