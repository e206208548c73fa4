import { describe, expect, it } from 'vitest';
import { compileSort, DEFAULT_SORT_SQL, QuerySyntaxError } from '../../../../common/query/index';

describe('compileSort', () => {
  it.each([
    [undefined, '"priority" ASC, "createdAt" ASC, "workitemId" ASC'],
    ['', DEFAULT_SORT_SQL],
    ['priority asc,createdAt desc', '"priority" ASC, "createdAt" DESC, "workitemId" ASC'],
    [' priority  DESC , dueAt ', '"priority" DESC, "dueAt" ASC, "workitemId" ASC'],
    ['contact.name', '"contactName" ASC, "workitemId" ASC'],
    ['selectedQueue desc', '"queueId" DESC, "workitemId" ASC'],
    // workitemId already given: it is the tiebreaker, not repeated
    ['workitemId desc', '"workitemId" DESC'],
    ['createdAt desc,workitemId desc', '"createdAt" DESC, "workitemId" DESC'],
  ])('%j → %s', (sort, sql) => {
    expect(compileSort(sort)).toBe(sql);
  });

  it.each([
    ['foo asc', 0, 'unknown_field', /unknown sort field 'foo'.*Valid fields/],
    ['priority asc,bar', 13, 'unknown_field', /'bar'/],
    ['priority up', 9, 'invalid_value', /asc or desc; got 'up'/],
    ['priority asc desc', 13, 'syntax', /separate keys with commas/],
    ['priority,,createdAt', 9, 'syntax', /empty sort key/],
    ['priority,', 9, 'syntax', /empty sort key/],
    ['priority, priority desc', 10, 'invalid_value', /twice/],
    ['"priority"; DROP TABLE x', 0, 'unknown_field', /unknown sort field/],
  ] as const)('%j is refused at %i', (sort, position, reason, message) => {
    let error: unknown;
    try {
      compileSort(sort);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuerySyntaxError);
    const queryError = error as QuerySyntaxError;
    expect(queryError.position).toBe(position);
    expect(queryError.reason).toBe(reason);
    expect(queryError.message).toMatch(message);
    expect(queryError.code).toBe('VALIDATION_FAILED');
    expect(queryError.fields).toEqual([{ path: 'sort', message: queryError.message }]);
  });
});
