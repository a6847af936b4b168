import { parse } from 'yaml';

/** Inputs of a run that a user got wrong (unreadable --conformance, broken readiness.yaml): exit 2, one line. */
export class ReadinessInputError extends Error {
  override readonly name = 'ReadinessInputError';
}

export interface ServiceSettings {
  target?: string;
  evidenceMaxAgeDays?: number;
  /** How tenant data is recognised (readiness.yaml `data:`); defaults in {@link DATA_DEFAULTS}. */
  data: DataSettings;
  /** Coverage thresholds in percent (readiness.yaml `coverage:`), for tests.coverage. */
  coverage: CoverageThresholds;
}

export interface DataSettings {
  tenantColumn: string;
  tenantSetting: string;
  /** Tables that hold no tenant data (lookup tables shared by every tenant). */
  globalTables: string[];
}

export interface CoverageThresholds {
  lines: number;
  statements: number;
  functions: number;
  branches: number;
}

export const DATA_DEFAULTS: DataSettings = {
  tenantColumn: 'tenant_id',
  tenantSetting: 'app.tenant_id',
  globalTables: [],
};
export const COVERAGE_DEFAULTS: CoverageThresholds = {
  lines: 80,
  statements: 80,
  functions: 80,
  branches: 70,
};

/**
 * A service's own readiness settings (its readiness file, `readiness.file` in shipshape.yaml, default
 * readiness.yaml), validated; defaults where it says nothing. `data` gives the defaults the service descriptor
 * sets (its tenant column and global tables): the readiness file's `data.tenantColumn` wins, `data.globalTables`
 * adds to the descriptor's. `file` names the file in errors.
 */
export function readSettings(
  content: string | undefined,
  data: Partial<DataSettings> = {},
  file = 'readiness.yaml',
): ServiceSettings {
  const defaults: DataSettings = { ...DATA_DEFAULTS, ...data };
  const settings: ServiceSettings = {
    data: { ...defaults, globalTables: [...defaults.globalTables] },
    coverage: { ...COVERAGE_DEFAULTS },
  };
  if (content === undefined) return settings;
  let value: unknown;
  try {
    value = parse(content);
  } catch (error) {
    throw new ReadinessInputError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (value == null) return settings;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ReadinessInputError(`${file} must be a mapping`);
  const v = value as Record<string, unknown>;
  if (v.target !== undefined) {
    if (typeof v.target !== 'string' || !/^L[0-5]$/.test(v.target)) {
      throw new ReadinessInputError(`${file}: target must be one of L0 … L5`);
    }
    settings.target = v.target;
  }
  if (v.evidenceMaxAgeDays !== undefined) {
    if (typeof v.evidenceMaxAgeDays !== 'number' || !(v.evidenceMaxAgeDays > 0)) {
      throw new ReadinessInputError(`${file}: evidenceMaxAgeDays must be a positive number`);
    }
    settings.evidenceMaxAgeDays = v.evidenceMaxAgeDays;
  }
  if (v.data !== undefined) {
    const d = (v.data ?? {}) as Record<string, unknown>;
    const name = (key: string) => {
      if (d[key] === undefined) return undefined;
      if (typeof d[key] !== 'string' || !/^[A-Za-z_][\w.]*$/.test(d[key] as string))
        throw new ReadinessInputError(`${file}: data.${key} must be an identifier`);
      return d[key] as string;
    };
    settings.data.tenantColumn = name('tenantColumn') ?? defaults.tenantColumn;
    settings.data.tenantSetting = name('tenantSetting') ?? defaults.tenantSetting;
    if (d.globalTables !== undefined) {
      if (!Array.isArray(d.globalTables) || d.globalTables.some((t) => typeof t !== 'string'))
        throw new ReadinessInputError(`${file}: data.globalTables must be a list of table names`);
      settings.data.globalTables = [...new Set([...defaults.globalTables, ...(d.globalTables as string[])])];
    }
  }
  if (v.coverage !== undefined) {
    const c = (v.coverage ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(COVERAGE_DEFAULTS) as (keyof CoverageThresholds)[]) {
      if (c[key] === undefined) continue;
      if (typeof c[key] !== 'number' || c[key] < 0 || c[key] > 100)
        throw new ReadinessInputError(`${file}: coverage.${key} must be a percentage (0–100)`);
      settings.coverage[key] = c[key];
    }
  }
  return settings;
}
