import type { ServiceDescriptor } from '@shipshape/contracts';
import { stringify } from 'yaml';

/** shipshape.yaml for an adopted service, with a header that says what it is. */
export function renderDescriptor(d: ServiceDescriptor): string {
  const parsed = JSON.parse(JSON.stringify(d)) as Record<string, unknown>;
  // The order a reader expects: who the service is, then where its artifacts are.
  const order = ['descriptorVersion', 'name', 'org', 'tier', 'owner', 'adopted'];
  const clean = Object.fromEntries(
    Object.entries(parsed).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99)),
  );
  for (const [k, v] of Object.entries(clean))
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) delete clean[k];
  return [
    '# The service descriptor: who this service is and where each of its artifacts lives.',
    '# Every Shipshape tool reads it; an absent key means the generated layout. Written by `shipshape adopt`',
    '# from what it found — correct anything it guessed. Schema: @shipshape/contracts/schemas/service-descriptor.schema.json',
    stringify(clean, { lineWidth: 0 }),
  ].join('\n');
}
