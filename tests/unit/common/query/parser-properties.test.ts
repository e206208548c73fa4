import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWhere, parseQuery, QuerySyntaxError } from '../../../../common/query/index';

/** Either a tree that compiles, or a QuerySyntaxError with a position inside (or just past) the input. */
function checkTotal(q: string): void {
  let node;
  try {
    node = parseQuery(q);
  } catch (error) {
    expect(error).toBeInstanceOf(QuerySyntaxError);
    const { position } = error as QuerySyntaxError;
    expect(Number.isInteger(position)).toBe(true);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThanOrEqual(q.length);
    return;
  }
  expect(() => compileWhere(node, { now: 0 })).not.toThrow();
}

/** Fragments of the language, so random strings reach past the first token. */
const fragment = fc.constantFrom(
  'state', 'priority', 'dueAt', 'subject', 'contact.name', 'foo', ':', ' ', '(', ')', '[', ']', '{', '}', '"',
  '\\', '*', '-', 'AND', 'or', 'NOT', 'TO', 'now', 'now-1d', '1', '2026-11-21', 'T10:00:00Z', 'active', 'bill',
  // Lucene syntax: operators, comparisons, wildcards, _exists_, and what the language refuses
  '&&', '||', '!', '+', '<', '<=', '>', '>=', 'now+1d', '?', '_exists_', '^', '^2', '~', '~3', '/', '&', '|',
);

describe('properties: parseQuery is total', () => {
  it('arbitrary strings either parse or throw QuerySyntaxError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), checkTotal), { numRuns: 2000 });
  });

  it('arbitrary sequences of query fragments either parse or throw QuerySyntaxError', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => checkTotal(parts.join(''))),
      { numRuns: 3000 },
    );
  });

  it('long hostile nesting fails cleanly', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('(', 'NOT ', '-', '-(', 'a ', ')'), { minLength: 100, maxLength: 2000 }), (parts) =>
        checkTotal(parts.join('')),
      ),
      { numRuns: 50 },
    );
  });
});
