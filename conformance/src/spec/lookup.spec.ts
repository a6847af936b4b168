import { describe, expect, it } from 'vitest';
import { documentedResponse, fillPath, jsonMedia } from './lookup.js';
import type { Operation, ResponseSpec } from './model.js';

describe('fillPath', () => {
  it('fills named parameters, encodes them and falls back for the rest', () => {
    expect(fillPath('/a/{id}/b/{other}', { id: 'x y/z' }, 'f')).toBe('/a/x%20y%2Fz/b/f');
    expect(fillPath('/a/{id}', {})).toBe('/a/x');
  });
});

describe('jsonMedia', () => {
  it('prefers application/json, then any +json type, else none', () => {
    expect(jsonMedia({ 'application/merge-patch+json': {}, 'application/json': {} })).toBe(
      'application/json',
    );
    expect(jsonMedia({ 'text/plain': {}, 'application/merge-patch+json': {} })).toBe(
      'application/merge-patch+json',
    );
    expect(jsonMedia({ 'text/plain': {} })).toBeUndefined();
    expect(jsonMedia(undefined)).toBeUndefined();
  });
});

describe('documentedResponse', () => {
  it('takes the exact status, then its range, then default', () => {
    const r = (name: string): ResponseSpec => ({ content: { [name]: undefined }, headers: {} });
    const op = {
      responses: { '404': r('exact'), '4XX': r('range'), DEFAULT: r('default') },
    } as unknown as Operation;
    expect(documentedResponse(op, 404)).toBe(op.responses['404']);
    expect(documentedResponse(op, 409)).toBe(op.responses['4XX']);
    expect(documentedResponse(op, 500)).toBe(op.responses.DEFAULT);
  });
});
