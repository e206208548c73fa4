import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_DEPTH,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  parseQuery,
  QuerySyntaxError,
  type QueryNode,
} from '../../../../common/query/index';

const DAY = 86_400_000;
const NOV_21 = Date.UTC(2026, 10, 21);

function parseError(q: string): QuerySyntaxError {
  try {
    parseQuery(q);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(q)} to be rejected`);
}

describe('parseQuery: trees', () => {
  const cases: [string, QueryNode][] = [
    [
      'state:active AND channelType:voice',
      {
        type: 'and',
        children: [
          { type: 'match', field: 'state', value: 'active' },
          { type: 'match', field: 'channelType', value: 'voice' },
        ],
      },
    ],
    // implicit AND, lower-case keywords, case-insensitive field names and enum values
    [
      'State:ACTIVE channeltype:Voice',
      {
        type: 'and',
        children: [
          { type: 'match', field: 'state', value: 'active' },
          { type: 'match', field: 'channelType', value: 'voice' },
        ],
      },
    ],
    [
      'a or b and c',
      {
        type: 'or',
        children: [
          { type: 'text', text: 'a' },
          { type: 'and', children: [{ type: 'text', text: 'b' }, { type: 'text', text: 'c' }] },
        ],
      },
    ],
    [
      '(a OR b) AND c',
      {
        type: 'and',
        children: [
          { type: 'or', children: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
          { type: 'text', text: 'c' },
        ],
      },
    ],
    // nested groups of the same operator flatten
    [
      'a AND (b AND c)',
      { type: 'and', children: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'text', text: 'c' }] },
    ],
    ['NOT state:closed', { type: 'not', child: { type: 'match', field: 'state', value: 'closed' } }],
    ['-state:closed', { type: 'not', child: { type: 'match', field: 'state', value: 'closed' } }],
    [
      'not -(a)',
      { type: 'not', child: { type: 'not', child: { type: 'text', text: 'a' } } },
    ],
    ['subject:"billing dispute"', { type: 'match', field: 'subject', value: 'billing dispute' }],
    ['subject:bill*', { type: 'prefix', field: 'subject', prefix: 'bill' }],
    ['subject:"bill*"', { type: 'match', field: 'subject', value: 'bill*' }],
    ['subject:50\\%\\_off\\*', { type: 'match', field: 'subject', value: '50%_off*' }],
    ['subject:*', { type: 'exists', field: 'subject' }],
    ['contact.name:Ann', { type: 'match', field: 'contactName', value: 'Ann' }],
    ['contact.phone:+1555*', { type: 'prefix', field: 'contactPhone', prefix: '+1555' }],
    ['selectedQueue:q_support', { type: 'match', field: 'queueId', value: 'q_support' }],
    ['priority:3', { type: 'match', field: 'priority', value: 3 }],
    [
      'priority:[1 TO 3]',
      { type: 'range', field: 'priority', lower: { value: 1, inclusive: true }, upper: { value: 3, inclusive: true } },
    ],
    [
      'priority:{1 to 3}',
      { type: 'range', field: 'priority', lower: { value: 1, inclusive: false }, upper: { value: 3, inclusive: false } },
    ],
    ['priority:[* TO *]', { type: 'range', field: 'priority', lower: null, upper: null }],
    [
      'dueAt:[* TO now]',
      { type: 'range', field: 'dueAt', lower: null, upper: { value: { type: 'now', offsetMs: 0 }, inclusive: true } },
    ],
    [
      'createdAt:{1700000000000 TO *]',
      { type: 'range', field: 'createdAt', lower: { value: 1700000000000, inclusive: false }, upper: null },
    ],
    [
      'createdAt:[now-1d TO now+2h]',
      {
        type: 'range',
        field: 'createdAt',
        lower: { value: { type: 'now', offsetMs: -DAY }, inclusive: true },
        upper: { value: { type: 'now', offsetMs: 2 * 3_600_000 }, inclusive: true },
      },
    ],
    ['dueAt:now-1w', { type: 'match', field: 'dueAt', value: { type: 'now', offsetMs: -7 * DAY } }],
    // a full ISO time keeps its colons inside a range without quoting
    [
      'createdAt:[2026-11-21T09:30:00Z TO 2026-11-21T10:30:00+01:00]',
      {
        type: 'range',
        field: 'createdAt',
        lower: { value: Date.UTC(2026, 10, 21, 9, 30), inclusive: true },
        upper: { value: Date.UTC(2026, 10, 21, 9, 30), inclusive: true },
      },
    ],
    // a date alone is the whole UTC day
    [
      'dueAt:2026-11-21',
      { type: 'range', field: 'dueAt', lower: { value: NOV_21, inclusive: true }, upper: { value: NOV_21 + DAY, inclusive: false } },
    ],
    [
      'dueAt:[* TO 2026-11-21]',
      { type: 'range', field: 'dueAt', lower: null, upper: { value: NOV_21 + DAY, inclusive: false } },
    ],
    [
      'dueAt:{2026-11-21 TO *]',
      { type: 'range', field: 'dueAt', lower: { value: NOV_21 + DAY, inclusive: true }, upper: null },
    ],
    // a bare term searches text; a trailing * adds nothing; keywords in values are plain values
    ['billing', { type: 'text', text: 'billing' }],
    ['bill*', { type: 'text', text: 'bill' }],
    ['"billing dispute"', { type: 'text', text: 'billing dispute' }],
    ['"AND"', { type: 'text', text: 'AND' }],
    ['subject:and', { type: 'match', field: 'subject', value: 'and' }],
    // as in Lucene, a leading + marks a required term; escape it to search for the sign
    ['+15550001', { type: 'text', text: '15550001' }],
    ['\\+15550001', { type: 'text', text: '+15550001' }],
    // Lucene's symbols for the boolean operators
    ['a && b', { type: 'and', children: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }],
    ['a||b', { type: 'or', children: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }],
    ['!a', { type: 'not', child: { type: 'text', text: 'a' } }],
    ['a !b', { type: 'and', children: [{ type: 'text', text: 'a' }, { type: 'not', child: { type: 'text', text: 'b' } }] }],
    ['+a -b', { type: 'and', children: [{ type: 'text', text: 'a' }, { type: 'not', child: { type: 'text', text: 'b' } }] }],
    ['a\\&\\&b', { type: 'text', text: 'a&&b' }],
    // field groups: bare values inside belong to the group's field
    [
      'state:(active OR hold)',
      { type: 'or', children: [{ type: 'match', field: 'state', value: 'active' }, { type: 'match', field: 'state', value: 'hold' }] },
    ],
    [
      'state:(active || -hold) priority:(1 2)',
      {
        type: 'and',
        children: [
          { type: 'or', children: [{ type: 'match', field: 'state', value: 'active' }, { type: 'not', child: { type: 'match', field: 'state', value: 'hold' } }] },
          // adjacent values in a group are ANDed, and nested ANDs flatten
          { type: 'match', field: 'priority', value: 1 },
          { type: 'match', field: 'priority', value: 2 },
        ],
      },
    ],
    ['state:(active OR (hold))', { type: 'or', children: [{ type: 'match', field: 'state', value: 'active' }, { type: 'match', field: 'state', value: 'hold' }] }],
    ['subject:("a b" OR c*)', { type: 'or', children: [{ type: 'match', field: 'subject', value: 'a b' }, { type: 'prefix', field: 'subject', prefix: 'c' }] }],
    // comparisons are one-sided ranges
    ['priority:<=2', { type: 'range', field: 'priority', lower: null, upper: { value: 2, inclusive: true } }],
    ['priority:>1', { type: 'range', field: 'priority', lower: { value: 1, inclusive: false }, upper: null }],
    ['dueAt:<now+1d', { type: 'range', field: 'dueAt', lower: null, upper: { value: { type: 'now', offsetMs: DAY }, inclusive: false } }],
    ['dueAt:>=now-2h', { type: 'range', field: 'dueAt', lower: { value: { type: 'now', offsetMs: -2 * 3_600_000 }, inclusive: true }, upper: null }],
    // a date alone is its whole day: <= takes in the day, > starts after it
    ['dueAt:<=2026-11-21', { type: 'range', field: 'dueAt', lower: null, upper: { value: NOV_21 + DAY, inclusive: false } }],
    ['dueAt:>2026-11-21', { type: 'range', field: 'dueAt', lower: { value: NOV_21 + DAY, inclusive: true }, upper: null }],
    // wildcards anywhere
    ['te?t', { type: 'wildcard', field: null, pattern: 'te?t' }],
    ['*son', { type: 'wildcard', field: null, pattern: '*son' }],
    ['subject:*son', { type: 'wildcard', field: 'subject', pattern: '*son' }],
    ['queueId:q_*s', { type: 'wildcard', field: 'queueId', pattern: 'q_*s' }],
    ['subject:a\\*b?', { type: 'wildcard', field: 'subject', pattern: 'a\\*b?' }],
    ['subject:a\\?', { type: 'match', field: 'subject', value: 'a?' }],
    // _exists_
    ['_exists_:dueAt', { type: 'exists', field: 'dueAt' }],
    ['-_exists_:contact.email', { type: 'not', child: { type: 'exists', field: 'contactEmail' } }],
    ['x\\^2', { type: 'text', text: 'x^2' }],
    ['subject:"say \\"hi\\" \\\\ bye"', { type: 'match', field: 'subject', value: 'say "hi" \\ bye' }],
  ];
  it.each(cases)('%s', (q, expected) => {
    expect(parseQuery(q)).toEqual(expected);
  });
});

describe('parseQuery: errors carry a reason and the 0-based position', () => {
  const cases: [string, QuerySyntaxError['reason'], number, RegExp][] = [
    ['', 'syntax', 0, /empty/],
    ['   ', 'syntax', 0, /empty/],
    ['foo:bar', 'unknown_field', 0, /unknown field 'foo'.*Valid fields: workitemId, type,.*contact\.name/],
    ['state:active AND nope:1', 'unknown_field', 17, /unknown field 'nope'/],
    ['state:bogus', 'invalid_value', 6, /state must be one of inqueue, offered/],
    ['priority:high', 'invalid_value', 9, /priority must be an integer; got 'high'/],
    ['priority:1.5', 'invalid_value', 9, /integer/],
    ['version:[1 TO x]', 'invalid_value', 14, /version must be an integer/],
    ['dueAt:tomorrow', 'invalid_value', 6, /dueAt must be a time/],
    ['dueAt:2026-02-30', 'invalid_value', 6, /must be a time/],
    ['dueAt:now-1y', 'invalid_value', 6, /units s m h d w/],
    ['a AND', 'syntax', 5, /ends where a search term was expected/],
    ['AND a', 'syntax', 0, /AND must stand between two terms/],
    ['a OR OR b', 'syntax', 5, /OR must stand/],
    ['(a OR b', 'syntax', 0, /'\(' at position 0 is never closed/],
    ['a)', 'syntax', 1, /'\)' has no matching '\('/],
    ['(a b]', 'syntax', 4, /expected '\)'/],
    ['subject:"open', 'syntax', 8, /unterminated quoted value/],
    ['state: active', 'syntax', 6, /expected a value right after 'state:'/],
    ['state:', 'syntax', 6, /expected a value/],
    ['*', 'unsupported', 0, /field:\*/],
    ['priority:5*', 'unsupported', 10, /wildcard.*integer field priority/],
    ['subject:[a TO b]', 'unsupported', 8, /range works on integer and timestamp/],
    ['priority:[1 3]', 'syntax', 12, /expected TO/],
    // && and || inside a range: an error, not an endless run of empty words (the property test found it)
    ['priority:[||2', 'syntax', 10, /expected a range bound|OR/],
    ['priority:[1&&3 TO 4]', 'syntax', 11, /expected TO.*found AND/],
    ['priority:[1 TO 3', 'syntax', 16, /never closed/],
    ['priority:[1 TO 3 state:active', 'syntax', 17, /expected \] or \}/],
    ['priority:[1* TO 3]', 'invalid_value', 11, /range bound/],
    ['""', 'invalid_value', 0, /empty/],
    [':b', 'syntax', 0, /unexpected ':'/],
    ['a :b', 'unknown_field', 0, /unknown field 'a'/],
    ['abc\\', 'syntax', 3, /nothing to escape/],
  ];
  it.each(cases)('%j → %s at %i', (q, reason, position, message) => {
    const error = parseError(q);
    expect(error.reason).toBe(reason);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`at position ${position}`);
  });

  // Lucene syntax the language does not run is an error at its position, never searched for as text.
  const unsupported: [string, QuerySyntaxError['reason'], number, RegExp][] = [
    ['x^2', 'unsupported', 1, /boosts \(\^\) are not supported/],
    ['"a b"^2', 'unsupported', 5, /boosts/],
    ['roam~', 'unsupported', 4, /fuzzy search \(~\) is not supported/],
    ['subject:roam~1', 'unsupported', 12, /fuzzy/],
    ['"a b"~3', 'unsupported', 5, /proximity search/],
    ['/jo.n/', 'unsupported', 0, /regular expressions/],
    ['subject:/jo.n/', 'unsupported', 8, /regular expressions/],
    ['a ||', 'syntax', 4, /ends where a search term was expected/],
    ['&& a', 'syntax', 0, /AND must stand between two terms/],
    ['!', 'syntax', 1, /ends where a search term/],
    ['state:(active OR state:(hold))', 'unsupported', 23, /cannot hold another field group/],
    ['state:(active OR bogus)', 'invalid_value', 17, /state must be one of/],
    ['state:(active', 'syntax', 6, /never closed/],
    ['subject:<=b', 'unsupported', 8, /comparison \(<=\) works on integer and timestamp/],
    ['priority:<=', 'invalid_value', 11, /expected a value after '<='/],
    ['priority:>x', 'invalid_value', 10, /priority must be an integer/],
    ['_exists_:nope', 'unknown_field', 9, /unknown field 'nope'/],
    ['_exists_: state', 'syntax', 9, /expected a field name/],
    ['dueAt:2026-11-2?', 'unsupported', 15, /wildcard .*timestamp field dueAt/],
  ];
  it.each(unsupported)('%j → %s at %i', (q, reason, position, message) => {
    const error = parseError(q);
    expect(error.reason).toBe(reason);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
    // the contract's answer to a malformed query: 400 VALIDATION_FAILED with a field error on q
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([{ path: 'q', message: error.message }]);
  });

  it('is a VALIDATION_FAILED SwitchboardError with a field error on q', () => {
    const error = parseError('priority:x');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([{ path: 'q', message: error.message }]);
    expect(error.toBody().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('parseQuery: limits keep any input cheap', () => {
  it(`allows ${MAX_QUERY_DEPTH} levels of nesting and refuses one more`, () => {
    const nested = (n: number) => '('.repeat(n) + 'a' + ')'.repeat(n);
    expect(parseQuery(nested(MAX_QUERY_DEPTH))).toEqual({ type: 'text', text: 'a' });
    const error = parseError(nested(MAX_QUERY_DEPTH + 1));
    expect(error.reason).toBe('too_complex');
    expect(error.position).toBe(MAX_QUERY_DEPTH);
  });

  it('counts NOT as nesting', () => {
    expect(parseError('NOT '.repeat(MAX_QUERY_DEPTH + 1) + 'a').reason).toBe('too_complex');
  });

  it(`refuses more than ${MAX_QUERY_TERMS} terms`, () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`).join(' ');
    expect(parseQuery(terms(MAX_QUERY_TERMS)).type).toBe('and');
    const error = parseError(terms(MAX_QUERY_TERMS + 1));
    expect(error.reason).toBe('too_complex');
    expect(error.message).toMatch(/more than 200 terms/);
  });

  it(`refuses queries longer than ${MAX_QUERY_LENGTH} characters`, () => {
    expect(parseError('a'.repeat(MAX_QUERY_LENGTH + 1)).reason).toBe('too_complex');
  });

  it('refuses deep input without overflowing the stack', () => {
    expect(parseError('('.repeat(3000)).reason).toBe('too_complex');
    expect(parseError('-('.repeat(3000) + 'a').reason).toBe('too_complex');
    expect(parseError('NOT '.repeat(1000) + 'a').reason).toBe('too_complex');
  });
});
