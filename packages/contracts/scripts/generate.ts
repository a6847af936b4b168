/** Writes the generated files of @shipshape/contracts: the gate-id module and the report JSON Schemas. */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { join } from 'node:path';
import { loadCatalog } from '../src/gates/catalog.js';
import { GATE_IDS_MODULE, renderGateIds } from '../src/gates/render-ids.js';
import { REPORT_SCHEMAS, renderReportSchema } from './schemas.js';

const root = join(import.meta.dirname, '..');
writeFileSync(join(root, GATE_IDS_MODULE), renderGateIds(loadCatalog()));
console.log(`wrote ${GATE_IDS_MODULE}`);
for (const schema of REPORT_SCHEMAS) {
  const file = join(root, schema.file);
  // Written the way the workspace's Prettier formats JSON, so `npm run lint` stays clean after a regenerate.
  const options = { ...(await resolveConfig(file)), filepath: file };
  writeFileSync(file, await format(renderReportSchema(schema), options));
  console.log(`wrote ${schema.file}`);
}
