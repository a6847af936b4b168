/** Mints dev bearer tokens for tenants of a local service (embedded-default secret unless AUTH_DEV_SECRET). */
export async function mintTenantTokens(
  serviceName: string,
  tenants: string[],
  env: NodeJS.ProcessEnv,
): Promise<Record<string, string>> {
  const { mintDevToken } = await import('@shipshape/runtime');
  const tokens: Record<string, string> = {};
  for (const tenant of tenants) {
    tokens[tenant] = await mintDevToken({
      tenant,
      serviceName,
      ttl: '1h',
      secret: env.AUTH_DEV_SECRET || undefined,
      issuer: env.AUTH_ISSUER || undefined,
      audience: env.AUTH_AUDIENCE || undefined,
      tenantClaim: env.AUTH_TENANT_CLAIM || undefined,
    });
  }
  return tokens;
}
