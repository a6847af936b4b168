/**
 * The catalog shape: what the docs site, `catalog.json` and the portal files are rendered from. It is the
 * `--format json` shape of `shipshape readiness` (DESIGN.md) per service, plus the facts a catalog needs
 * (tier, owner, where the service lives, its last conformance and lint results).
 */
import type { BundleRole } from '@shipshape/contracts';

export type GateStatus = 'GREEN' | 'AMBER' | 'RED';

export interface CatalogEvidence {
  kind: 'file' | 'lint' | 'conformance' | 'report' | 'attestation';
  ref: string;
  detail?: string;
}

export interface CatalogGate {
  id: string;
  group: string;
  title: string;
  level: string;
  judged: 'automated' | 'attested';
  status: GateStatus;
  reason: string;
  evidence: CatalogEvidence[];
}

export interface ConformanceSummary {
  passed: number;
  failed: number;
  skipped: number;
  startedAt: string;
  /** The report's path relative to the service folder. */
  ref: string;
  commit?: string;
  /** Per area: pass / fail / skip counts. */
  areas: Record<string, { passed: number; failed: number; skipped: number }>;
}

export interface LintSummary {
  errors: number;
  warnings: number;
  ref: string;
}

export interface DiffSummary {
  /** The git ref the specs were compared against. */
  base: string;
  comparedAt: string;
  breaking: number;
  nonBreaking: number;
  /** Breaking changes without a major version bump in at least one spec. */
  failed: boolean;
  ref: string;
}

export interface CatalogService {
  service: string;
  /** The service folder relative to the workspace root, with forward slashes. */
  dir: string;
  description?: string;
  level: string | null;
  target: string;
  tier?: string;
  owner?: string;
  org?: string;
  evaluatedAt: string;
  summary: Record<GateStatus, number>;
  /** Gates at or below the target that are not GREEN. */
  blocking: string[];
  gates: CatalogGate[];
  conformance?: ConformanceSummary;
  lint?: LintSummary;
  diff?: DiffSummary;
  /** True when the service was brought under the gates by `shipshape adopt` (its descriptor says so). */
  adopted?: boolean;
  artifacts: CatalogArtifacts;
}

/**
 * Artifacts the site and the portal files link to: the files that exist where the service's descriptor
 * (`shipshape.yaml`, or the generated layout where it is silent) puts them, relative to the service folder.
 */
export interface CatalogArtifacts {
  openapi: string[];
  asyncapi: string[];
  /** Markdown runbooks in the runbooks folder. */
  runbooks: string[];
  /** The docs folder (TechDocs' `docs_dir`). */
  docsDir: string;
  /** Markdown docs: the docs folder's and every bundle doc that lives elsewhere. */
  docs: string[];
  /** Which of those docs plays which bundle role (roles without a file are absent). */
  bundle: Partial<Record<BundleRole, string>>;
  /** Prometheus rule files. */
  alerts: string[];
  /** SLO files. */
  slos: string[];
  /** Where runbooks are published outside the repository (`{alert}` / `{slug}`), when they are. */
  runbookUrlPattern?: string;
  /** `shipshape.yaml` when the service has a descriptor. */
  descriptor?: string;
}

export interface Catalog {
  /** Version of this document's shape (bumped on a breaking change). */
  schemaVersion: 1;
  generatedAt: string;
  services: CatalogService[];
}
