import { gateOf } from '@shipshape/spectral-ruleset';
import type { Finding, Severity } from './types.js';
import { jsonPointer, type JsonPath, type YamlSource } from './yaml-source.js';

/** Collects findings about one file, placing each at the line/column of the value it is about. */
export class FileFindings {
  readonly findings: Finding[] = [];

  constructor(
    /** Path relative to the service directory. */
    readonly file: string,
    readonly source?: YamlSource,
  ) {}

  add(rule: string, message: string, path: JsonPath = [], severity: Severity = 'error'): void {
    const position = this.source ? this.source.positionOf(path) : { line: 1, column: 1 };
    this.findings.push({
      file: this.file,
      line: position.line,
      column: position.column,
      severity,
      rule,
      message,
      gate: gateOf(rule) ?? 'api.openapi_present',
      ...(path.length > 0 ? { pointer: jsonPointer(path) } : {}),
    });
  }

  /** Reports the file's YAML syntax errors; true when there were any. */
  syntaxErrors(rule: string): boolean {
    const errors = this.source?.errors ?? [];
    for (const e of errors) {
      this.findings.push({
        file: this.file,
        line: e.position.line,
        column: e.position.column,
        severity: 'error',
        rule,
        message: `cannot parse: ${e.message}`,
        gate: gateOf(rule) ?? 'api.openapi_present',
      });
    }
    return errors.length > 0;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Prometheus duration (`5m`, `1h30m`, `250ms`). */
export const DURATION = /^([0-9]+(ms|s|m|h|d|w|y))+$/;
