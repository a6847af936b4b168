export type ChangeClass = 'breaking' | 'non-breaking';

/** One difference between two versions of a spec. */
export interface Change {
  /** Stable rule id, e.g. `request-property-became-required`. */
  rule: string;
  class: ChangeClass;
  /**
   * JSON pointer of the changed value: in the new document, or in the old one for a removal. It
   * follows `$ref`s logically (the pointer names the path through the operation, not the component).
   */
  pointer: string;
  message: string;
}

export type SpecKind = 'openapi' | 'asyncapi';

export interface DiffReport {
  kind: SpecKind;
  /** The readiness gate this diff evidences: `api.versioning` (OpenAPI) or `events.schema_registry` (AsyncAPI). */
  gate: 'api.versioning' | 'events.schema_registry';
  oldVersion: string | undefined;
  newVersion: string | undefined;
  /** True when `info.version`'s major grew: breaking changes are then allowed. */
  majorBumped: boolean;
  breaking: number;
  nonBreaking: number;
  changes: Change[];
  /** Breaking changes present and no major bump: the diff gate fails. */
  failed: boolean;
}
