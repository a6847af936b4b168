import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { evaluators } from './evaluators/index.js';

describe('gate catalog as the evaluator sees it', () => {
  it('has an evaluator for every automated gate and none for a gate it does not list', () => {
    const automated = loadCatalog()
      .gates.filter((g) => g.judged === 'automated')
      .map((g) => g.id);
    expect(Object.keys(evaluators).sort()).toEqual([...automated].sort());
  });
});
