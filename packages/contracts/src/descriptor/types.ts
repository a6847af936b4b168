/**
 * The service descriptor: `shipshape.yaml` at a service's root says what the service is and where each of its
 * artifacts lives. Every key but `descriptorVersion` and `name` is optional; an absent key means the layout the
 * generator writes (see `resolveLayout`), so a generated service resolves the same with or without the file.
 * Paths are relative to the service folder, with forward slashes.
 *
 * The JSON Schema `schemas/service-descriptor.schema.json` is generated from this type.
 */

/** The 17 documents of the bundle, by role (DESIGN.md "A generated service"). */
export type BundleRole =
  | 'SERVICE_OVERVIEW'
  | 'DOMAIN_MODEL'
  | 'API_CONTRACT'
  | 'EVENT_CATALOG'
  | 'DATA_MODEL'
  | 'ERROR_CODES'
  | 'SECURITY_MODEL'
  | 'THREAT_MODEL'
  | 'SYNC_CONTRACT'
  | 'AI_INTEGRATION'
  | 'OBSERVABILITY'
  | 'TESTING_STRATEGY'
  | 'MIGRATION_PLAN'
  | 'DEPLOYMENT_TOPOLOGY'
  | 'LOCAL_DEV_SETUP'
  | 'DISASTER_RECOVERY'
  | 'SERVICE_READINESS';

export type Tier = 't0' | 't1' | 't2';

export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite';

/**
 * A relative path inside the service folder (forward slashes, no `..`, not absolute).
 * @pattern ^(?!/)(?![A-Za-z]:)(?!(.+[/])?\.\.([/]|$)).+$
 */
export type RelPath = string;

export interface ApiLocations {
  /** OpenAPI documents: files, or folders (every .yaml/.yml/.json inside). Default `[openapi/]`. */
  openapi?: RelPath[];
  /** AsyncAPI documents: files or folders. Default `[asyncapi/]`; `[]` when the service publishes no events. */
  asyncapi?: RelPath[];
}

export interface DataLocations {
  /** Folder of forward-only SQL migrations. Default `migrations`. */
  migrations?: RelPath;
  /** SQL dialect of the migrations. Default `postgresql`. */
  dialect?: SqlDialect;
  /** `row-level`: tenant-scoped tables carry the tenant column under RLS (the default); `none`: single-tenant. */
  tenancy?: 'row-level' | 'none';
  /**
   * Column that carries a row's tenant. Default `tenant_id`.
   * @pattern ^[a-z_][a-z0-9_]*$
   */
  tenantColumn?: string;
  /** Tables that are global on purpose (no tenant column, no RLS), e.g. reference data. */
  globalTables?: string[];
}

export interface DeployLocations {
  /** Helm chart folder. Default `helm/<name>`. */
  helm?: RelPath;
  /** Plain Kubernetes manifests (files or folders) when there is no chart, or beside it. */
  manifests?: RelPath[];
}

export interface OpsLocations {
  /** Prometheus rule files. Default `[ops/alerts.yaml]`. */
  alerts?: RelPath[];
  /** SLO files (OpenSLO v1 or Shipshape's `slos:` list). Default `[ops/slos.yaml]`. */
  slos?: RelPath[];
  /** Grafana dashboards folder. Default `ops/dashboards`. */
  dashboards?: RelPath;
}

export interface RunbookLocations {
  /** Folder of runbooks, one `<alert-slug>.md` per alert. Default `runbooks`. */
  dir?: RelPath;
  /**
   * Where runbooks are published when they live outside the repository (a wiki): `{alert}` is the alert
   * name, `{slug}` its kebab-case slug, e.g. `https://wiki.example.com/iam/runbooks/{slug}`.
   * @pattern \{(alert|slug)\}
   */
  urlPattern?: string;
}

export interface DocsLocations {
  /** Folder of the bundle. Default `docs`. */
  dir?: RelPath;
  /** Which file plays which bundle role, where it is not `<dir>/<ROLE>.md`. */
  bundle?: Partial<Record<BundleRole, RelPath>>;
  /** The summary doc (purpose, links to the bundle, badges). Default `README.md`. */
  summary?: RelPath;
}

export interface ErrorLocations {
  /** The error-code registry. Default `errors/error-codes.yaml`. */
  registry?: RelPath;
}

export interface ReadinessLocations {
  /** Gate states written by `shipshape readiness --write`. Default `readiness.yaml`. */
  file?: RelPath;
  /** Attestations of the gates only a person can judge. Default `readiness/attestations.yaml`. */
  attestations?: RelPath;
}

export interface LocalRun {
  /** Command that starts the service locally (run in the service folder), e.g. `npm start`. */
  command?: string;
  /**
   * URL that answers 2xx once the service is up; `{port}` is replaced by the port chosen for the run.
   * Default `http://127.0.0.1:{port}/health/ready`.
   */
  healthUrl?: string;
  /** Environment variable that tells the command which port to listen on. Default `PORT`. */
  portEnv?: string;
  /** How the conformance suite reaches this service. Default `conformance.config.json`. */
  conformanceConfig?: RelPath;
}

export interface ReportLocations {
  /** Folder CI writes reports to. Default `reports`. */
  dir?: RelPath;
  /** Default `<dir>/lint`. */
  lint?: RelPath;
  /** Default `<dir>/conformance`. */
  conformance?: RelPath;
  /** Where `shipshape diff --base` writes diff.json. Default `<dir>/diff`. */
  diff?: RelPath;
}

/** A breaking-change rule of `shipshape diff` this service knowingly downgrades, always with a reason. */
export interface DiffDowngrade {
  /** The rule id (`shipshape diff` checks it is one of its rules). */
  rule: string;
  /** The class the rule's changes drop to. */
  to: 'warning' | 'info';
  /**
   * Why the change is acceptable here (a downgrade without one is refused).
   * @minLength 1
   */
  reason: string;
  /**
   * Only changes at this JSON pointer of the document (and below).
   * @pattern ^/
   */
  pointer?: string;
}

export interface DiffSettings {
  /** Per-service downgrades of `shipshape diff` rules. */
  downgrades?: DiffDowngrade[];
}

/** `shipshape.yaml`: what a service is and where each of its artifacts lives. */
export interface ServiceDescriptor {
  /** Version of this file's format. */
  descriptorVersion: 1;
  /**
   * Service name (a DNS label).
   * @pattern ^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$
   */
  name: string;
  /**
   * Organisation: prefixes event types and error codes.
   * @pattern ^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$
   */
  org?: string;
  tier?: Tier;
  /** Owning team, e.g. `@acme/iam-team`. */
  owner?: string;
  /** True when the service was adopted (`shipshape adopt`) rather than generated. */
  adopted?: boolean;
  api?: ApiLocations;
  data?: DataLocations;
  deploy?: DeployLocations;
  ops?: OpsLocations;
  runbooks?: RunbookLocations;
  docs?: DocsLocations;
  errors?: ErrorLocations;
  readiness?: ReadinessLocations;
  local?: LocalRun;
  reports?: ReportLocations;
  /** How `shipshape diff` judges this service's API changes. */
  diff?: DiffSettings;
}
