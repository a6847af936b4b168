import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export type JsonPath = readonly (string | number)[];

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * A YAML (or JSON) file kept with its source map, so a finding about a value can name the line and
 * column where that value is written.
 */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(file: string, text: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    return new YamlSource(file, text, doc, lines);
  }

  static async read(file: string): Promise<YamlSource> {
    return YamlSource.parse(file, await readFile(file, 'utf8'));
  }

  /** Syntax errors, each with its position. */
  get errors(): { message: string; position: Position }[] {
    return this.doc.errors.map((e) => ({ message: e.message.split('\n')[0], position: this.at(e.pos[0]) }));
  }

  /** The plain JS value of the document (undefined when it has syntax errors). */
  get value(): unknown {
    return this.doc.errors.length > 0 ? undefined : this.doc.toJS({ maxAliasCount: 100 });
  }

  /**
   * Where the node at `path` is written: for a mapping entry the key's position (where an editor
   * should jump); when part of the path does not exist, the deepest node that does.
   */
  positionOf(path: JsonPath): Position {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key),
        );
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(key)];
        if (item === undefined) break;
        offset = rangeStart(item) ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return this.at(offset);
  }

  private at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** RFC 6901 JSON pointer of a path. */
export function jsonPointer(path: JsonPath): string {
  return path.map((k) => '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
