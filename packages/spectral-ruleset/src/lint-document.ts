import {
  Document,
  Spectral,
  type ISpectralDiagnostic,
  type RulesetDefinition,
} from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { shipshapeRuleset } from './ruleset.js';

export interface LintDocumentOptions {
  /**
   * Skip spectral:asyncapi's JSON-Schema validation of the whole document
   * (`asyncapi-3-document-resolved` / `-unresolved`). Only for callers that also run
   * `@asyncapi/parser`, which performs the same validation: it is ~95 % of the AsyncAPI lint time.
   */
  skipAsyncApiSchemaValidation?: boolean;
}

const instances = new Map<string, Spectral>();

/** A Spectral instance loaded with the Shipshape ruleset (built once per option set, then reused). */
export function createSpectral(options: LintDocumentOptions = {}): Spectral {
  const key = options.skipAsyncApiSchemaValidation ? 'no-aas-schema' : 'full';
  let spectral = instances.get(key);
  if (!spectral) {
    spectral = new Spectral();
    const ruleset: RulesetDefinition = options.skipAsyncApiSchemaValidation
      ? {
          extends: [shipshapeRuleset],
          rules: { 'asyncapi-3-document-resolved': 'off', 'asyncapi-3-document-unresolved': 'off' },
        }
      : shipshapeRuleset;
    spectral.setRuleset(ruleset);
    instances.set(key, spectral);
  }
  return spectral;
}

/**
 * Lints one OpenAPI or AsyncAPI document (YAML or JSON text) with the Shipshape ruleset. `source`
 * is the file path: results carry it, and relative `$ref`s resolve from it.
 */
export async function lintDocument(
  text: string,
  source: string,
  options: LintDocumentOptions = {},
): Promise<ISpectralDiagnostic[]> {
  return createSpectral(options).run(new Document(text, Parsers.Yaml, source));
}
