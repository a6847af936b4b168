import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderRegistry } from './registry.js';

describe('renderRegistry', () => {
  const doc = parse(
    renderRegistry(
      ['ACME.PAY.RATE_LIMITED', 'ACME.PAY.CARD_NOT_FOUND', 'ACME.PAY.CARD_DECLINED'],
      'acme',
      'pay',
    ),
  ) as {
    org: string;
    service: string;
    codes: { code: string; status: number; title: string; description: string }[];
  };

  it('keeps the status and title of the standard codes', () => {
    expect(doc.codes[0]).toMatchObject({
      code: 'ACME.PAY.RATE_LIMITED',
      status: 429,
      title: 'Too many requests',
    });
    expect(doc.codes[0].description).not.toContain('TODO(owner):');
  });

  it('guesses the status of a service code from its name and marks it for a person', () => {
    expect(doc.codes[1]).toEqual({
      code: 'ACME.PAY.CARD_NOT_FOUND',
      status: 404,
      title: 'Card not found',
      description: 'TODO(owner): when this code is answered (status 404 guessed from its name).',
    });
    expect(doc.codes[2]).toMatchObject({ status: 500, title: 'Card declined' });
    expect([doc.org, doc.service]).toEqual(['acme', 'pay']);
  });
});
