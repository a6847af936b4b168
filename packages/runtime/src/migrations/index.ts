export {
  checksum,
  loadMigrations,
  MigrationError,
  MIGRATION_FILE,
  MIGRATIONS_TABLE,
  runMigrations,
  runtimeMigrations,
} from './runner.js';
export type { Migration, MigrationReport, MigrationSource } from './runner.js';
