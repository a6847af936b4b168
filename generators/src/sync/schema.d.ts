export interface SyncGeneratorSchema {
  projects?: string;
  force?: boolean;
  skipFormat?: boolean;
}
