import { describe, expect, it } from 'vitest';
import { secretMembers } from './security.js';

describe('secretMembers', () => {
  it('finds credential-like members at any depth, and writeOnly ones', () => {
    const body = {
      items: [{ id: '1', owner: { password: 'x', apiKey: 'k' } }],
      client_secret: 's',
      accessToken: 't',
      pin: '1234',
    };
    expect(secretMembers(body, new Set(['pin']))).toEqual([
      '/items/0/owner/password',
      '/items/0/owner/apiKey',
      '/client_secret',
      '/accessToken',
      '/pin',
    ]);
  });

  it('leaves pagination tokens and look-alike names alone', () => {
    const body = {
      nextPageToken: 'a',
      next_page_token: 'b',
      continuationToken: 'c',
      tokenType: 'Bearer',
      idempotencyKey: 'k',
    };
    expect(secretMembers(body, new Set())).toEqual([]);
  });
});
