/**
 * Where the template trees are. Every `templates/<tree>/files` directory listed in `templates/trees.json` is
 * rendered for a service (generator-bundle appends its trees there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpers, type Helpers } from './helpers.js';
import type { ServiceModel } from './model.js';

/** Absolute path of the @shipshape/templates package (its trees sit beside dist/ and src/). */
export const templatesRoot: string = join(__dirname, '..');

export interface TreeList {
  /** Rendered into the service directory, in order. */
  trees: string[];
}

/** Absolute `files` directories of every tree in trees.json. */
export function treeDirs(): string[] {
  const list = JSON.parse(readFileSync(join(templatesRoot, 'trees.json'), 'utf8')) as TreeList;
  return list.trees.map((t) => join(templatesRoot, t, 'files'));
}

export type TemplateData = Omit<Helpers, keyof ServiceModel> &
  ServiceModel & { model: ServiceModel; tmpl: ''; h: Helpers };

/** The EJS data every template gets: the model's members, `model` itself, the helpers and `tmpl: ''`. */
export function templateData(model: ServiceModel): TemplateData {
  return { ...helpers, ...model, model, h: helpers, tmpl: '' };
}
