/**
 * Where the template trees are. Every `templates/<tree>/files` directory listed in `templates/trees.json` is
 * rendered for a service (generator-bundle appends its trees there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpers, type Helpers } from './helpers.js';
import type { ServiceModel } from './model/types.js';

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

/** Facts about the workspace a service is rendered into (not part of the service's own model). */
export interface WorkspaceFacts {
  /** From the service directory to the workspace root, e.g. `../../`. */
  offset: string;
  /** The workspace has a tsconfig.base.json the service extends. */
  tsconfigBase: boolean;
  /** The workspace has a root eslint.config.mjs the service extends. */
  rootEslint: boolean;
  /** Version range of @shipshape/runtime the service depends on. */
  runtimeVersion: string;
  /** Command of the `load` target. */
  loadCommand: string;
}

export function defaultWorkspaceFacts(model: ServiceModel): WorkspaceFacts {
  const depth = model.directory.split('/').filter(Boolean).length;
  return {
    offset: '../'.repeat(depth),
    tsconfigBase: false,
    rootEslint: false,
    runtimeVersion: '0.1.0',
    loadCommand: `node load/run-load.mjs`,
  };
}

export type TemplateData = Omit<Helpers, keyof ServiceModel> &
  ServiceModel & { model: ServiceModel; tmpl: ''; dot: '.'; h: Helpers; workspace: WorkspaceFacts };

/**
 * The EJS data every template gets: the model's members, `model` itself, the helpers (also under `h`),
 * `workspace` facts, `tmpl: ''` and `dot: '.'` (file names `__dot__gitignore` → `.gitignore`, which npm would
 * otherwise rename when packing).
 */
export function templateData(model: ServiceModel, workspace?: Partial<WorkspaceFacts>): TemplateData {
  return {
    ...helpers,
    ...model,
    model,
    h: helpers,
    tmpl: '',
    dot: '.',
    workspace: { ...defaultWorkspaceFacts(model), ...workspace },
  };
}
