import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { shipshapeRuleset } from './ruleset.js';

let shared: Spectral | undefined;

/** A Spectral instance loaded with the Shipshape ruleset (built once and reused). */
export function createSpectral(): Spectral {
  if (!shared) {
    shared = new Spectral();
    shared.setRuleset(shipshapeRuleset);
  }
  return shared;
}

/**
 * Lints one OpenAPI or AsyncAPI document (YAML or JSON text) with the Shipshape ruleset. `source`
 * is the file path: results carry it, and relative `$ref`s resolve from it.
 */
export async function lintDocument(text: string, source: string): Promise<ISpectralDiagnostic[]> {
  return createSpectral().run(new Document(text, Parsers.Yaml, source));
}
