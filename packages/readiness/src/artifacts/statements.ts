/**
 * SQL split into statements, each with the line it starts on: outside '...', "...", $tag$...$tag$ bodies and
 * comments. Hand-written rather than a SQL parser library because the npm SQL parsers do not cover PostgreSQL's
 * DO / $$ bodies reliably; the schema replay (migrations.ts) and the destructive-DDL check read its statements.
 */

/** One statement of a migration file. */
export interface Statement {
  sql: string;
  file: string;
  line: number;
}

/** Splits SQL into statements outside '...', "...", $tag$...$tag$ and comments; keeps each one's start line. */
export function splitStatements(sql: string, file: string): Statement[] {
  const out: Statement[] = [];
  let current = '';
  let line = 1;
  let startLine = 1;
  let i = 0;
  const push = () => {
    const text = current.trim();
    if (text) out.push({ sql: text, file, line: startLine });
    current = '';
  };
  while (i < sql.length) {
    const c = sql[i];
    if (current.trim() === '' && c !== '\n' && !/\s/.test(c)) startLine = line;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const chunk = sql.slice(i, end === -1 ? sql.length : end + 2);
      line += chunk.split('\n').length - 1;
      i += chunk.length;
      current += ' ';
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      const chunk = sql.slice(i, j + 1);
      line += chunk.split('\n').length - 1;
      current += chunk;
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        const chunk = sql.slice(i, end === -1 ? sql.length : end + tag[0].length);
        line += chunk.split('\n').length - 1;
        current += chunk;
        i += chunk.length;
        continue;
      }
    }
    if (c === ';') {
      push();
      i++;
      continue;
    }
    if (c === '\n') line++;
    current += c;
    i++;
  }
  push();
  return out;
}
