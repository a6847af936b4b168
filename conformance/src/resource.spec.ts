import { describe, expect, it } from 'vitest';
import { detectPrefix } from './resource.js';

describe('detectPrefix', () => {
  const probes = ['/health', '/health/live', '/metrics'];
  it('takes the most common prefix up to a version segment', () => {
    expect(detectPrefix(['/api/v1/orders', '/api/v1/orders/{id}', '/api/v2/x', '/health'], probes)).toBe(
      '/api/v1',
    );
  });
  it('else the common leading segments, short of a collection itself', () => {
    expect(detectPrefix(['/api/users', '/api/articles/{slug}'], probes)).toBe('/api');
    expect(detectPrefix(['/api/items', '/api/items/{id}'], probes)).toBe('/api');
    expect(detectPrefix(['/posts', '/posts/{id}'], probes)).toBe('');
  });
  it('ignores probes and documentation paths', () => {
    expect(detectPrefix(['/health', '/openapi.json', '/v3/pets', '/v3/pets/{id}'], probes)).toBe('/v3');
  });
});
