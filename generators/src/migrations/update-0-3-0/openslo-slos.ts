/**
 * Migration for @shipshape/generators 0.3.0: ops/slos.yaml becomes OpenSLO v1. Every Shipshape service whose
 * ops/slos.yaml is still the older `slos:` list gets it rewritten as OpenSLO v1 documents, keeping the objectives,
 * windows and latency thresholds written there (edited ones included), then the whole service is re-rendered
 * from them (alerts, dashboard, docs, load thresholds) the way `sync` does; a service with conflicting edits keeps
 * its converted SLO file and is named, like the 0.2.0 migration. A file in neither format is left alone, named.
 */
import { joinPathFragments, logger, type Tree } from '@nx/devkit';
import { renderService, sloFileFormat } from '@shipshape/templates';
import { buildModel } from '../../lib/model';
import { fromManifest } from '../../lib/options';
import { findServices } from '../../sync/lib/find-services';
import { sha256, serializeManifest, manifestPath } from '../../utils/manifest';
import syncServices from '../update-0-2-0/sync-services';

const SLOS = 'ops/slos.yaml';

export default async function opensloSlos(tree: Tree): Promise<void> {
  for (const { project, root, manifest } of findServices(tree)) {
    const path = joinPathFragments(root, SLOS);
    const text = tree.read(path, 'utf-8');
    if (text === null) continue;
    const format = sloFileFormat(text);
    if (format === 'openslo') continue;
    if (format === undefined) {
      logger.warn(`${project}: ${SLOS} is neither OpenSLO v1 nor a Shipshape SLO list; left as it is`);
      continue;
    }
    // fromManifest with the tree reads the objectives of the old file (readSloOverrides knows both formats)
    const model = buildModel(fromManifest(manifest, root, {}, tree));
    const converted = renderService(model).service.find((f) => f.path === SLOS);
    if (!converted) throw new Error(`the templates no longer render ${SLOS}`);
    tree.write(path, converted.content);
    // recorded as generated, so the re-render below treats the converted file as the templates' own
    const hash = sha256(converted.content);
    manifest.files[SLOS] = hash;
    if (manifest.rendered) manifest.rendered.files[SLOS] = hash;
    tree.write(manifestPath(root), serializeManifest(manifest));
    logger.info(`${project}: ${SLOS} converted to OpenSLO v1 (objectives kept)`);
  }
  await syncServices(tree);
}
