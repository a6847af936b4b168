import type { Statement } from './statements.js';

/**
 * DDL that breaks readers still on the previous release: dropping a table or column, narrowing a type, NOT NULL
 * without a default on existing rows, renaming. Each kind is one pattern on the statement (whitespace folded).
 */
const KINDS: { kind: string; pattern: RegExp }[] = [
  { kind: 'DROP TABLE', pattern: /^DROP TABLE\b/i },
  {
    kind: 'DROP COLUMN',
    pattern:
      /^ALTER TABLE .*\bDROP (?:COLUMN )?(?!CONSTRAINT\b|DEFAULT\b|NOT NULL\b|IDENTITY\b|EXPRESSION\b)[A-Za-z_"]/i,
  },
  { kind: 'type change', pattern: /^ALTER TABLE .*\bALTER (?:COLUMN )?\S+ (?:SET DATA )?TYPE\b/i },
  { kind: 'SET NOT NULL', pattern: /^ALTER TABLE .*\bALTER (?:COLUMN )?\S+ SET NOT NULL\b/i },
  {
    kind: 'NOT NULL without default',
    pattern:
      /^ALTER TABLE .*\bADD (?:COLUMN )?(?:IF NOT EXISTS )?(?!CONSTRAINT\b)[^,]*\bNOT NULL\b(?![^,]*\bDEFAULT\b)/i,
  },
  { kind: 'rename', pattern: /^ALTER (?:TABLE|VIEW|INDEX|SEQUENCE) .*\bRENAME\b/i },
  { kind: 'TRUNCATE', pattern: /^TRUNCATE\b/i },
];

/**
 * The marker that makes a destructive statement legitimate: the contract step of an expand/contract change, naming
 * the release from which no reader uses what is removed. `-- expand/contract: <what>, unused since release 1.4.0`
 */
export const CONTRACT_MARKER = /--\s*expand\/contract:[^\n]*\brelease\s+v?(\d+(?:\.\d+){0,2}[\w.-]*)/i;

export interface DestructiveStatement extends Statement {
  kind: string;
}

export function destructiveStatements(statements: Statement[]): DestructiveStatement[] {
  const out: DestructiveStatement[] = [];
  for (const st of statements) {
    const sql = st.sql.replace(/\s+/g, ' ');
    const hit = KINDS.find((k) => k.pattern.test(sql));
    if (hit) out.push({ ...st, kind: hit.kind });
  }
  return out;
}

/** The release a migration's expand/contract marker names, when it has one. */
export function contractRelease(sql: string): string | undefined {
  return CONTRACT_MARKER.exec(sql)?.[1];
}
