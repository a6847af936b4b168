/**
 * Migration for @shipshape/generators 0.2.0: re-renders every Shipshape service with the new templates
 * (`nx migrate @shipshape/generators@0.2.0 && nx migrate --run-migrations`). Services with edits the new
 * templates would overwrite are skipped and named; `nx g @shipshape/generators:sync --force` updates them
 * once the edits are reconciled. A migration never fails the upgrade for that.
 */
import { logger, type Tree } from '@nx/devkit';
import { syncGenerator } from '../../sync/sync';

export default async function syncServices(tree: Tree): Promise<void> {
  try {
    await syncGenerator(tree, {});
  } catch (error) {
    const message = (error as Error).message;
    if (!message.startsWith('no service synced')) throw error;
    logger.warn(`${message}; run nx g @shipshape/generators:sync --force after reconciling the edits`);
  }
}
