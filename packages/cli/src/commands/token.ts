import { parseFlags, renderHelp, UsageError, type CliIO } from '@shipshape/cli-kit';
import { readServiceDir } from './service-dir.js';

const usage = 'shipshape token <service-dir> --tenant <id> [--ttl 1h]';
const summary =
  'Prints a dev bearer token for a tenant, signed with the embedded-default secret (AUTH_DEV_SECRET when set).';
const flags = {
  tenant: { type: 'string', value: '<id>', description: 'tenant id to put in the tenant claim' },
  ttl: { type: 'string', value: '<duration>', description: 'lifetime, e.g. 15m, 1h, 2d', default: '1h' },
  subject: {
    type: 'string',
    value: '<sub>',
    description: 'subject (user) of the token',
    default: 'dev-user',
  },
} as const;

const TTL = /^[1-9][0-9]*(s|m|h|d)$/;
const TENANT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(argv, flags);
  if (parsed.help) {
    io.out(renderHelp(usage, summary, flags));
    return 0;
  }
  const service = readServiceDir(parsed.positionals[0], io.cwd);
  const tenant = parsed.flags.tenant;
  if (!tenant) throw new UsageError('--tenant <id> is required');
  if (!TENANT.test(tenant)) throw new UsageError(`--tenant "${tenant}" is not a valid tenant id`);
  const ttl = parsed.flags.ttl ?? '1h';
  if (!TTL.test(ttl)) throw new UsageError(`--ttl "${ttl}" is not a duration like 15m, 1h or 2d`);

  const { mintDevToken } = await import('@shipshape/runtime');
  const token = await mintDevToken({
    tenant,
    serviceName: service.name,
    ttl,
    subject: parsed.flags.subject,
    secret: io.env.AUTH_DEV_SECRET || undefined,
    issuer: io.env.AUTH_ISSUER || undefined,
    audience: io.env.AUTH_AUDIENCE || undefined,
    tenantClaim: io.env.AUTH_TENANT_CLAIM || undefined,
  });
  io.out(token);
  return 0;
}
