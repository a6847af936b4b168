import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';

let last: { text: string; counter: LineCounter; doc: ReturnType<typeof parseDocument> } | undefined;

/** The 1-based line of a JSON pointer in a YAML/JSON text (the closest existing ancestor's line). */
export function lineOf(text: string, pointer: string): number {
  if (last?.text !== text) {
    const counter = new LineCounter();
    last = { text, counter, doc: parseDocument(text, { lineCounter: counter, uniqueKeys: false }) };
  }
  const { counter, doc } = last;
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === token);
      if (pair) offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      next = pair?.value;
    } else if (isSeq(node)) next = node.items[Number(token)];
    if (!next) break;
    node = next as Node;
    if (!isMap(node) && !isSeq(node)) offset = node.range?.[0] ?? offset;
  }
  return counter.linePos(offset).line;
}
