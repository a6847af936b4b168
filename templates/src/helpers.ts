/**
 * Helpers handed to every template (as EJS data next to the model). Pure functions, no Nx.
 */
import { names, pluralize, snakeCase } from './names.js';

/** A YAML/JSON-safe double-quoted scalar (JSON strings are valid YAML 1.2 flow scalars). */
export function q(value: unknown): string {
  return JSON.stringify(String(value));
}

/** JSON, pretty, for embedding in templates (indent each line after the first by `indent` spaces). */
export function json(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((line, i) => (i === 0 ? line : pad + line))
    .join('\n');
}

/** Escape `|` and new lines for a Markdown table cell. */
export function cell(value: unknown): string {
  return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown/HTML anchor slug of a heading. */
export function anchor(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-');
}

/** Lower-kebab form of an UPPER_SNAKE code (`ORDER_NOT_FOUND` → `order-not-found`). */
export function kebab(value: string): string {
  return value.toLowerCase().replace(/_/g, '-');
}

/** The word with its indefinite article (`an order`, `a customer`); hyphens become spaces. */
export function an(word: string): string {
  const w = word.replace(/-/g, ' ');
  return `${/^[aeiou]/i.test(w) ? 'an' : 'a'} ${w}`;
}

/** Four-digit migration number. */
export function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

export const helpers = { q, json, cell, anchor, kebab, an, pad4, names, pluralize, snakeCase };
export type Helpers = typeof helpers;
