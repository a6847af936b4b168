import { Document, Spectral } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { stringify } from 'yaml';
import { spectralHouseRules } from '../src/index.js';

export interface Finding {
  code: string;
  path: (string | number)[];
  message: string;
  /** 1-based line of the reported range. */
  line: number;
}

const instances = new Map<string, Spectral>();

/** A Spectral instance running one house rule alone, so a test sees only that rule's findings. */
function spectralFor(ruleId: string): Spectral {
  let spectral = instances.get(ruleId);
  if (!spectral) {
    const rule = spectralHouseRules[ruleId];
    if (!rule) throw new Error(`no house rule ${ruleId}`);
    spectral = new Spectral();
    spectral.setRuleset({ rules: { [ruleId]: rule } });
    instances.set(ruleId, spectral);
  }
  return spectral;
}

/** Lints a document (an object, serialized to YAML so findings have lines) with one rule. */
export async function lintRule(ruleId: string, doc: object): Promise<Finding[]> {
  const text = stringify(doc, { aliasDuplicateObjects: false });
  const results = await spectralFor(ruleId).run(new Document(text, Parsers.Yaml, '/virtual/spec.yaml'));
  return results
    .filter((r) => r.code === ruleId)
    .map((r) => ({
      code: String(r.code),
      path: [...r.path],
      message: r.message,
      line: r.range.start.line + 1,
    }));
}

/** Just the reported paths, the thing each rule test asserts. */
export async function pathsOf(ruleId: string, doc: object): Promise<(string | number)[][]> {
  return (await lintRule(ruleId, doc)).map((f) => f.path);
}
