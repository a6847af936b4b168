import { describe, expect, it } from 'vitest';
import { reasonPhrases } from './util.js';

describe('reasonPhrases', () => {
  it("puts RFC 9110's phrase first and still accepts the older one", () => {
    expect(reasonPhrases(422)).toEqual(['Unprocessable Content', 'Unprocessable Entity']);
    expect(reasonPhrases(413)).toEqual(['Content Too Large', 'Payload Too Large']);
    expect(reasonPhrases(404)).toEqual(['Not Found']);
  });
});
