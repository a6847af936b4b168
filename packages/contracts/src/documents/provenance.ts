/**
 * Who produced a report, from what: every report Shipshape writes (lint, conformance, load, coverage, diff)
 * carries one, and the readiness evaluator trusts a report only when it names the service it judges, the
 * commit it ran at and the hash of the inputs it judged (DESIGN.md "Readiness — CLI contract").
 */
export interface Provenance {
  /** Service name (the service folder's name, or `name` of its descriptor). */
  service: string;
  /** The tool that wrote the report, e.g. `shipshape-lint`. */
  tool: string;
  /** The tool's version. */
  version: string;
  /** `git rev-parse HEAD` of the repository holding the service; null outside a git repository. */
  commit: string | null;
  /** True when the inputs differ from what `commit` holds (uncommitted changes to them). */
  dirty: boolean;
  /** `sha256:<hex>` over the judged inputs: each path (relative to the service) and its bytes, in order. */
  inputsHash: string;
  /** The judged inputs, relative to the service folder, sorted. */
  inputs: string[];
  /** When the report was produced (ISO 8601). */
  producedAt: string;
}
