import { describe, expect, it } from 'vitest';
import { compileQuery, compileWhere, escapeLike, parseQuery, QuerySyntaxError } from '../../../../common/query/index';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const TEXT_SEARCH = `("subject" LIKE ? ESCAPE '\\' OR "description" LIKE ? ESCAPE '\\' OR "contactName" LIKE ? ESCAPE '\\' OR "contactPhone" LIKE ? ESCAPE '\\' OR "contactEmail" LIKE ? ESCAPE '\\')`;

describe('compileQuery: exact SQL and params', () => {
  const cases: [string, string, (string | number | null)[]][] = [
    ['state:active AND channelType:voice', '("state" = ? AND "channelType" = ?)', ['active', 'voice']],
    ['state:active OR state:hold', '("state" = ? OR "state" = ?)', ['active', 'hold']],
    ['NOT state:closed', '(NOT COALESCE("state" = ?, 0))', ['closed']],
    ['subject:"billing dispute"', '"subject" = ? COLLATE NOCASE', ['billing dispute']],
    ['queueId:q_support', '"queueId" = ?', ['q_support']],
    ['subject:bill*', `"subject" LIKE ? ESCAPE '\\'`, ['bill%']],
    ['subject:50\\%\\_off\\\\*', `"subject" LIKE ? ESCAPE '\\'`, ['50\\%\\_off\\\\%']],
    ['agentUsername:*', '"agentUsername" IS NOT NULL', []],
    ['priority:2', '"priority" = ?', [2]],
    ['priority:[1 TO 3]', '("priority" >= ? AND "priority" <= ?)', [1, 3]],
    ['priority:{1 TO 3}', '("priority" > ? AND "priority" < ?)', [1, 3]],
    ['priority:[* TO *]', '"priority" IS NOT NULL', []],
    ['dueAt:[* TO now]', '"dueAt" <= ?', [NOW]],
    ['createdAt:{1700000000000 TO *]', '"createdAt" > ?', [1700000000000]],
    ['createdAt:[now-1d TO now+2h}', '("createdAt" >= ? AND "createdAt" < ?)', [NOW - 24 * HOUR, NOW + 2 * HOUR]],
    ['dueAt:now', '"dueAt" = ?', [NOW]],
    ['billing', TEXT_SEARCH, Array(5).fill('%billing%')],
    ['"100%_off"', TEXT_SEARCH, Array(5).fill('%100\\%\\_off%')],
    [
      '(a OR b) AND -c',
      `((${TEXT_SEARCH} OR ${TEXT_SEARCH}) AND (NOT COALESCE(${TEXT_SEARCH}, 0)))`,
      [...Array(5).fill('%a%'), ...Array(5).fill('%b%'), ...Array(5).fill('%c%')],
    ],
    ["subject:\"'; DROP TABLE workitems; --\"", '"subject" = ? COLLATE NOCASE', ["'; DROP TABLE workitems; --"]],
  ];
  it.each(cases)('%s', (q, sql, params) => {
    expect(compileQuery(q, { now: NOW })).toEqual({ sql, params });
  });

  it('matches everything for a missing or blank query', () => {
    expect(compileQuery(undefined, { now: NOW })).toEqual({ sql: '1=1', params: [] });
    expect(compileQuery('  \t', { now: NOW })).toEqual({ sql: '1=1', params: [] });
    expect(compileWhere(null, { now: NOW })).toEqual({ sql: '1=1', params: [] });
  });

  it('resolves now at compile time, not parse time', () => {
    const node = parseQuery('dueAt:[* TO now-1h]');
    expect(compileWhere(node, { now: 10 * HOUR }).params).toEqual([9 * HOUR]);
    expect(compileWhere(node, { now: 20 * HOUR }).params).toEqual([19 * HOUR]);
  });

  it('throws QuerySyntaxError for a malformed query', () => {
    expect(() => compileQuery('priority:[1 TO', { now: NOW })).toThrow(QuerySyntaxError);
  });
});

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
    expect(escapeLike('plain')).toBe('plain');
  });
});
