import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  entityTag,
  matchesVersion,
  parseIfMatch,
  preconditionFailed,
  readIfMatch,
  versionCondition,
  versionParam,
} from './if-match.js';

const request = (ifMatch?: string | string[], method = 'PATCH') =>
  ({ method, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } }) as unknown as FastifyRequest;

describe('entityTag', () => {
  it('is the strong, quoted version', () => {
    expect(entityTag(1)).toBe('"1"');
    expect(entityTag(42)).toBe('"42"');
  });
  it('refuses what is not a version', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => entityTag(bad)).toThrow(TypeError);
  });
});

describe('parseIfMatch', () => {
  it('absent: no precondition', () => {
    expect(parseIfMatch(undefined)).toEqual({});
  });
  it('`*`: any existing version', () => {
    expect(parseIfMatch('*')).toEqual({ header: '*' });
    expect(parseIfMatch(' * ')).toEqual({ header: ' * ' });
  });
  it('strong tags name versions, in a list and over repeated fields', () => {
    expect(parseIfMatch('"3"').versions).toEqual([3]);
    expect(parseIfMatch('"3", "5" ,"3"').versions).toEqual([3, 5]);
    expect(parseIfMatch(['"3"', '"7"']).versions).toEqual([3, 7]);
    expect(parseIfMatch('"3",,"4"').versions).toEqual([3, 4]);
    expect(parseIfMatch('"a,b", "4"').versions).toEqual([4]);
  });
  it('a weak tag never matches (RFC 9110 strong comparison)', () => {
    expect(parseIfMatch('W/"3"').versions).toEqual([]);
    expect(parseIfMatch('W/"3", "4"').versions).toEqual([4]);
  });
  it('foreign, malformed and out-of-range tags match nothing', () => {
    for (const value of [
      '"v3"',
      '3',
      '"03"',
      '"0"',
      '"2147483648"',
      '"3',
      'abc',
      '"a"b"',
      '*, "3"',
      '"3", abc',
    ])
      expect(parseIfMatch(value).versions, value).toEqual([]);
  });
});

describe('readIfMatch', () => {
  it('optional: no header is no precondition', () => {
    expect(readIfMatch(request())).toEqual({});
    expect(readIfMatch(request(''))).toEqual({});
  });
  it('required: no header matches no version, and the failure is 428 PRECONDITION_REQUIRED', () => {
    const missing = readIfMatch(request(undefined, 'DELETE'), { required: true });
    expect(missing).toEqual({ versions: [], missing: true });
    expect(versionParam(missing)).toEqual([]);
    const error = preconditionFailed(missing, 3);
    expect(error.code).toBe('PRECONDITION_REQUIRED');
    expect(error.detail).toMatch(/Send If-Match/);
  });
  it('required: a present header passes through to the write', () => {
    expect(readIfMatch(request('"2"'), { required: true })).toEqual({ versions: [2], header: '"2"' });
    expect(readIfMatch(request('*'), { required: true })).toEqual({ header: '*' });
  });
});

describe('the check inside the statement', () => {
  it('versionCondition compares the column with the array parameter, true when it is null', () => {
    expect(versionCondition(3)).toBe('($3::integer[] IS NULL OR version = ANY($3::integer[]))');
    expect(versionCondition(1, 'o.version')).toContain('o.version = ANY($1::integer[])');
    expect(() => versionCondition(0)).toThrow(TypeError);
  });
  it('versionParam: null for any, the versions otherwise (an empty list matches no row)', () => {
    expect(versionParam({})).toBeNull();
    expect(versionParam({ header: '*' })).toBeNull();
    expect(versionParam(parseIfMatch('W/"1"'))).toEqual([]);
  });
  it('matchesVersion agrees with the SQL condition', () => {
    expect(matchesVersion({}, 9)).toBe(true);
    expect(matchesVersion(parseIfMatch('"9"'), 9)).toBe(true);
    expect(matchesVersion(parseIfMatch('"8"'), 9)).toBe(false);
    expect(matchesVersion(parseIfMatch('W/"9"'), 9)).toBe(false);
  });
});

describe('preconditionFailed', () => {
  it('is 412 PRECONDITION_FAILED naming the current ETag', () => {
    const error = preconditionFailed(parseIfMatch('"1"'), 2);
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.detail).toBe(
      'If-Match "1" does not match: the resource is now at ETag "2"; read it again and retry with its ETag',
    );
  });
  it('says why a weak tag failed', () => {
    expect(preconditionFailed(parseIfMatch('W/"2"'), 2).detail).toMatch(/weak W\/ tag never does/);
  });
});
