/**
 * Name variants of a kebab-case (DNS label) name. Written here instead of using @nx/devkit's `names()` because
 * templates must not depend on Nx (the docs site renders them too).
 */
import type { Names } from './model/types.js';

function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export function names(value: string): Names {
  const w = words(value);
  const fileName = w.join('-');
  return {
    name: fileName,
    className: w.map(cap).join(''),
    propertyName: w.map((x, i) => (i === 0 ? x : cap(x))).join(''),
    constantName: w.map((x) => x.toUpperCase()).join('_'),
    fileName,
  };
}

export function snakeCase(value: string): string {
  return words(value).join('_');
}

/** English plural of the last word of a kebab-case name (`order` → `orders`, `line-item` → `line-items`). */
export function pluralize(value: string): string {
  const parts = value.split('-');
  const last = parts.pop() ?? '';
  let plural: string;
  if (/[^aeiou]y$/.test(last)) plural = `${last.slice(0, -1)}ies`;
  else if (/(s|x|z|ch|sh)$/.test(last)) plural = `${last}es`;
  else plural = `${last}s`;
  return [...parts, plural].join('-');
}
