/**
 * How much a change matters. `breaking`: an existing client or consumer stops working. `warning`:
 * it keeps working but may behave differently (review it). `info`: safe.
 */
export type ChangeClass = 'breaking' | 'warning' | 'info';

/** One difference between two versions of a spec. */
export interface Change {
  /** Stable rule id, e.g. `request-property-became-required` (see DIFF_RULES). */
  rule: string;
  class: ChangeClass;
  /**
   * JSON pointer of the changed value: in the new document, or in the old one for a removal. It
   * follows `$ref`s logically; a change inside a shared component is reported at the component.
   */
  pointer: string;
  /** Where the change is in the old document (for an addition: the closest container that exists there). */
  before: string;
  /** Where the change is in the new document (for a removal: the closest container that exists there). */
  after: string;
  message: string;
  /** Set when the service's config downgraded the rule's class, with the reason it gives. */
  downgraded?: { from: ChangeClass; reason: string };
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
  /** What fails the gate: `breaking` (default) or `warning` (warnings fail too). */
  failOn: FailOn;
  breaking: number;
  warning: number;
  info: number;
  /** `warning + info` (kept for readers of earlier reports). */
  nonBreaking: number;
  changes: Change[];
  /**
   * The diff gate fails: a breaking change without a major bump, or (with failOn `warning`) any
   * warning.
   */
  failed: boolean;
}

export type FailOn = 'breaking' | 'warning';
