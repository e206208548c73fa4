/**
 * Runs compiled queries against a real SQLite table with the columns of both stores, checking the rows
 * that come back against a plain-JavaScript reading of the same query.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery, compileSort, QUERY_FIELDS } from '../../../../common/query/index';
import { CHANNEL_TYPES, KINDS, PRIORITIES, STATES } from '../../../../common/vocabulary';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 21, 12, 0);

interface Row {
  workitemId: string;
  type: string;
  channelType: string;
  state: string;
  priority: number;
  queueId: string;
  agentUsername: string | null;
  subject: string | null;
  description: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  dueAt: number | null;
  createdAt: number;
  version: number;
}

const SUBJECTS = ['Billing dispute', 'billing question', 'Password reset', 'Refund 100%_off', 'Shipping delay', null];
const NAMES = ['Ann Lee', 'Bob Stone', "Cara O'Neil", 'Dan Wu'];

function makeRows(): Row[] {
  return Array.from({ length: 50 }, (_, index) => {
    const i = index + 1;
    const id = String(i).padStart(3, '0');
    return {
      workitemId: `wi_${id}`,
      type: KINDS[i % KINDS.length],
      channelType: CHANNEL_TYPES[i % CHANNEL_TYPES.length],
      state: STATES[i % STATES.length],
      priority: PRIORITIES[i % PRIORITIES.length],
      queueId: ['q_support', 'q_sales', 'q_billing'][i % 3],
      agentUsername: i % 3 === 0 ? null : `agent${i % 4}`,
      subject: SUBJECTS[i % SUBJECTS.length],
      description: i % 4 === 0 ? `Customer note ${i}` : null,
      contactName: i % 5 === 0 ? null : NAMES[i % NAMES.length],
      contactPhone: `+1555000${id}`,
      contactEmail: i % 2 === 0 ? `${NAMES[i % NAMES.length].split(' ')[0].toLowerCase()}@example.com` : null,
      dueAt: i % 2 === 1 ? NOW + (i - 25) * DAY : null,
      createdAt: NOW - (50 - i) * HOUR,
      version: (i % 4) + 1,
    };
  });
}

function createTable(db: Database.Database, rows: readonly Partial<Row>[]): void {
  const columns = QUERY_FIELDS.map(
    (f) => `"${f.name}" ${f.type === 'integer' || f.type === 'timestamp' ? 'INTEGER' : 'TEXT'}`,
  );
  db.exec(`CREATE TABLE workitems (${columns.join(', ')}, PRIMARY KEY ("workitemId"))`);
  const insert = db.prepare(
    `INSERT INTO workitems (${QUERY_FIELDS.map((f) => `"${f.name}"`).join(', ')}) VALUES (${QUERY_FIELDS.map((f) => `@${f.name}`).join(', ')})`,
  );
  const empty = Object.fromEntries(QUERY_FIELDS.map((f) => [f.name, null]));
  for (const row of rows) insert.run({ ...empty, ...row });
}

const rows = makeRows();
let db: Database.Database;

beforeAll(() => {
  db = new Database(':memory:');
  createTable(db, rows);
});
afterAll(() => db.close());

function select(q: string | undefined, sort?: string, page?: { rows: number; start: number }): string[] {
  const where = compileQuery(q, { now: NOW });
  const limit = page ? ' LIMIT ? OFFSET ?' : '';
  const params = page ? [...where.params, page.rows, page.start] : where.params;
  const statement = db.prepare(`SELECT "workitemId" FROM workitems WHERE ${where.sql} ORDER BY ${compileSort(sort)}${limit}`);
  return statement.pluck().all(...params) as string[];
}

const ids = (predicate: (row: Row) => boolean) =>
  rows
    .filter(predicate)
    .map((r) => r.workitemId)
    .sort();
const contains = (value: string | null, text: string) => value !== null && value.toLowerCase().includes(text);
const searchable = (r: Row) => [r.subject, r.description, r.contactName, r.contactPhone, r.contactEmail];

describe('queries against SQLite return the right items', () => {
  const cases: [string, (row: Row) => boolean][] = [
    ['state:active AND channelType:voice', (r) => r.state === 'active' && r.channelType === 'voice'],
    ['state:active channelType:voice', (r) => r.state === 'active' && r.channelType === 'voice'],
    ['state:active OR state:hold', (r) => r.state === 'active' || r.state === 'hold'],
    ['NOT state:closed', (r) => r.state !== 'closed'],
    ['-state:closed', (r) => r.state !== 'closed'],
    // NOT keeps the items whose field is empty
    ['NOT agentUsername:agent1', (r) => r.agentUsername !== 'agent1'],
    ['NOT agentUsername:*', (r) => r.agentUsername === null],
    ['agentUsername:*', (r) => r.agentUsername !== null],
    ['priority:[1 TO 3]', (r) => r.priority >= 1 && r.priority <= 3],
    ['priority:{1 TO 3]', (r) => r.priority > 1 && r.priority <= 3],
    ['priority:[5 TO *]', (r) => r.priority >= 5],
    ['dueAt:[* TO now]', (r) => r.dueAt !== null && r.dueAt <= NOW],
    ['dueAt:{now TO now+3d]', (r) => r.dueAt !== null && r.dueAt > NOW && r.dueAt <= NOW + 3 * DAY],
    ['dueAt:2026-11-23', (r) => r.dueAt !== null && r.dueAt >= Date.UTC(2026, 10, 23) && r.dueAt < Date.UTC(2026, 10, 24)],
    ['createdAt:[now-5h TO *]', (r) => r.createdAt >= NOW - 5 * HOUR],
    ['createdAt:[2026-11-21T10:00:00Z TO 2026-11-21T11:00:00Z]', (r) => r.createdAt >= NOW - 2 * HOUR && r.createdAt <= NOW - HOUR],
    ['subject:bill*', (r) => r.subject !== null && r.subject.toLowerCase().startsWith('bill')],
    ['subject:"billing dispute"', (r) => r.subject?.toLowerCase() === 'billing dispute'],
    ['subject:"Refund 100%_off"', (r) => r.subject === 'Refund 100%_off'],
    ['subject:*', (r) => r.subject !== null],
    ['billing', (r) => searchable(r).some((v) => contains(v, 'billing'))],
    ['ann', (r) => searchable(r).some((v) => contains(v, 'ann'))],
    ["o'neil", (r) => searchable(r).some((v) => contains(v, "o'neil"))],
    ['55500001*', (r) => searchable(r).some((v) => contains(v, '55500001'))],
    ['"100%_off"', (r) => searchable(r).some((v) => contains(v, '100%_off'))],
    ['contact.email:ann@example.com', (r) => r.contactEmail === 'ann@example.com'],
    ['selectedQueue:q_billing', (r) => r.queueId === 'q_billing'],
    ['queueId:q_s*', (r) => r.queueId.startsWith('q_s')],
    [
      '(state:active OR state:hold) AND channelType:voice',
      (r) => (r.state === 'active' || r.state === 'hold') && r.channelType === 'voice',
    ],
    [
      '(billing OR password) AND -state:closed priority:[* TO 3]',
      (r) =>
        searchable(r).some((v) => contains(v, 'billing') || contains(v, 'password')) &&
        r.state !== 'closed' &&
        r.priority <= 3,
    ],
    ['version:2 OR type:call', (r) => r.version === 2 || r.type === 'call'],
    // Lucene and Kibana spellings
    ['state:(active OR hold)', (r) => r.state === 'active' || r.state === 'hold'],
    ['state:(active || hold) && !channelType:voice', (r) => (r.state === 'active' || r.state === 'hold') && r.channelType !== 'voice'],
    ['+billing -state:closed', (r) => searchable(r).some((v) => contains(v, 'billing')) && r.state !== 'closed'],
    ['priority:<=2', (r) => r.priority <= 2],
    ['priority:>3', (r) => r.priority > 3],
    ['dueAt:<now+1d', (r) => r.dueAt !== null && r.dueAt < NOW + DAY],
    ['dueAt:>=2026-11-23', (r) => r.dueAt !== null && r.dueAt >= Date.UTC(2026, 10, 23)],
    ['_exists_:description', (r) => r.description !== null],
    ['NOT _exists_:contactEmail', (r) => r.contactEmail === null],
    // wildcards anywhere: ? is one character, * any run; % and _ stay literal
    ['subject:*ing*', (r) => r.subject !== null && /ing/i.test(r.subject)],
    ['subject:*delay', (r) => r.subject !== null && /delay$/i.test(r.subject)],
    ['b?ll*', (r) => searchable(r).some((v) => v !== null && /b.ll/i.test(v))],
    ['contact.email:*@example.com', (r) => r.contactEmail?.endsWith('@example.com') === true],
    ['queueId:q_s?les', (r) => r.queueId === 'q_sales'],
    ['subject:*%_off', (r) => r.subject?.endsWith('%_off') === true],
  ];
  it.each(cases)('%s', (q, predicate) => {
    const expected = ids(predicate);
    expect(expected.length, 'the fixture should make this case meaningful').toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(rows.length + (q.startsWith('NOT') || q.startsWith('-') ? 1 : 0));
    expect(select(q).sort()).toEqual(expected);
  });

  it('an empty query returns everything', () => {
    expect(select(undefined)).toHaveLength(50);
    expect(select('')).toHaveLength(50);
  });

  it('returns a known item for a hand-checked query', () => {
    // item 30: 30 % 9 = 3 → active, 30 % 5 = 0 → voice
    expect(select('state:active AND channelType:voice')).toEqual(['wi_030']);
  });
});

describe('sorting and paging', () => {
  const compareBy =
    (...keys: [keyof Row, 1 | -1][]) =>
    (a: Row, b: Row) => {
      for (const [key, dir] of keys) {
        const x = a[key] as string | number | null;
        const y = b[key] as string | number | null;
        if (x === y) continue;
        if (x === null) return -dir; // SQLite puts NULL first in ascending order
        if (y === null) return dir;
        return (x < y ? -1 : 1) * dir;
      }
      return 0;
    };

  it('sorts by the default keys: priority, createdAt, workitemId', () => {
    const expected = [...rows].sort(compareBy(['priority', 1], ['createdAt', 1], ['workitemId', 1])).map((r) => r.workitemId);
    expect(select(undefined)).toEqual(expected);
  });

  it('sorts by the requested keys with workitemId as the tiebreaker', () => {
    const expected = [...rows]
      .sort(compareBy(['priority', -1], ['queueId', 1], ['workitemId', 1]))
      .map((r) => r.workitemId);
    expect(select(undefined, 'priority desc,queueId asc')).toEqual(expected);
  });

  it('pages with LIMIT/OFFSET cover the result exactly once', () => {
    const q = 'NOT state:closed';
    const all = select(q, 'priority asc');
    const pages: string[] = [];
    for (let start = 0; start < all.length + 7; start += 7) pages.push(...select(q, 'priority asc', { rows: 7, start }));
    expect(pages).toEqual(all);
    expect(new Set(pages).size).toBe(all.length);
    expect(select(q, 'priority asc', { rows: 5, start: 10 })).toEqual(all.slice(10, 15));
  });
});

/** Arbitrary text, weighted towards what breaks naive SQL or LIKE handling. */
const hostileText = fc.oneof(
  fc.constantFrom("'; DROP TABLE workitems; --", '%', '_', '\\', '"', "'", '\\%', '*', '?', 'NULL', '1=1', '--', '/*', '😀', 'é', '\u0000'),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('%', '_', '\\', '"', "'", ';', ' ', '*', 'a', 'ß', ':', '(', ')', '[', '}'), maxLength: 10 }),
);
const hostileNonEmpty = hostileText.filter((s) => s.length > 0);

/** Writes `text` so the lexer reads it back literally: as a quoted phrase, or as an escaped word. */
const phrase = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
// Every character Lucene gives a meaning to is escaped: wildcards, boosts, fuzziness, regex slashes, operators.
const escapedWord = (text: string) => text.replace(/[\s()[\]{}":*?\\^~/&|!+-]/g, (c) => `\\${c}`);

const textFields = QUERY_FIELDS.filter((f) => f.type === 'text' || (f.type === 'keyword' && !('values' in f))).map((f) => f.name);
const leaf: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...textFields), hostileText).map(([f, v]) => `${f}:${phrase(v)}`),
  fc.tuple(fc.constantFrom(...textFields), hostileText).map(([f, v]) => `${f}:${escapedWord(v)}*`),
  fc.tuple(fc.constantFrom(...textFields), hostileNonEmpty).map(([f, v]) => `${f}:${escapedWord(v)}`),
  hostileNonEmpty.map(phrase),
  fc.constantFrom(...STATES).map((s) => `state:${s}`),
  fc.integer({ min: -1000, max: 1000 }).map((n) => `priority:${n}`),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `priority:{${a} TO ${b}]`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.constantFrom('s', 'm', 'h', 'd', 'w')).map(([n, u]) => `dueAt:[now-${n}${u} TO *]`),
  fc.constantFrom('createdAt:2026-11-21', 'dueAt:*', 'contact.name:*', 'createdAt:[* TO 2026-11-21T10:00:00+01:00}'),
);
const query: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('q'), fc.constantFrom(' AND ', ' OR ', ' and ', ' '), tie('q')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('q').map((q) => `(${q})`),
    tie('q').map((q) => `NOT (${q})`),
    tie('q').map((q) => `-(${q})`),
  ),
})).q;

const SQL_KEYWORDS = /\b(AND|OR|NOT|COALESCE|IS|NULL|LIKE|ESCAPE|COLLATE|NOCASE)\b/g;
const FIELD_NAMES = new Set<string>(QUERY_FIELDS.map((f) => f.name));

describe('properties: compiled SQL never carries a value', () => {
  it('holds only whitelisted identifiers, operators and ?; parameters line up; SQLite runs it', () => {
    fc.assert(
      fc.property(query, (q) => {
        const { sql, params } = compileQuery(q, { now: NOW });
        for (const [, name] of sql.matchAll(/"([^"]*)"/g)) expect(FIELD_NAMES.has(name)).toBe(true);
        const residue = sql
          .replace(/"[A-Za-z]+"/g, '')
          .replace(/ESCAPE '\\'/g, '')
          .replace(SQL_KEYWORDS, '')
          .replace(/>=|<=|[=<>(),?]|\b[01]\b|\s+/g, '');
        expect(residue).toBe('');
        expect(sql.split('?').length - 1).toBe(params.length);
        for (const param of params) expect(['string', 'number']).toContain(typeof param);
        expect(() => db.prepare(`SELECT count(*) FROM workitems WHERE ${sql}`).pluck().get(...params)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});

describe('properties: % and _ in a prefix match themselves', () => {
  it('subject:<prefix>* returns exactly the subjects that start with the prefix (ignoring ASCII case)', () => {
    const alphabet = fc.constantFrom('%', '_', '\\', 'a', 'A', 'b', ' ');
    const subject = fc.option(fc.string({ unit: alphabet, maxLength: 6 }), { nil: null });
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 15 }), fc.string({ unit: alphabet, minLength: 1, maxLength: 3 }), (subjects, prefix) => {
        const local = new Database(':memory:');
        try {
          createTable(local, subjects.map((s, i) => ({ workitemId: `wi_${i}`, subject: s })));
          const { sql, params } = compileQuery(`subject:${escapedWord(prefix)}*`, { now: NOW });
          const found = (local.prepare(`SELECT "workitemId" FROM workitems WHERE ${sql}`).pluck().all(...params) as string[]).sort();
          const expected = subjects
            .map((s, i) => ({ s, id: `wi_${i}` }))
            .filter(({ s }) => s !== null && s.toLowerCase().startsWith(prefix.toLowerCase()))
            .map(({ id }) => id)
            .sort();
          expect(found).toEqual(expected);
        } finally {
          local.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a bare term matches its text literally inside the searched fields', () => {
    const local = new Database(':memory:');
    try {
      createTable(local, [
        { workitemId: 'wi_a', subject: 'save 100%_off today' },
        { workitemId: 'wi_b', subject: 'save 100 percent off' },
        { workitemId: 'wi_c', subject: 'save 1000xoff' },
        { workitemId: 'wi_d', description: 'path C:\\temp' },
      ]);
      const run = (q: string) => {
        const { sql, params } = compileQuery(q, { now: NOW });
        return local.prepare(`SELECT "workitemId" FROM workitems WHERE ${sql} ORDER BY 1`).pluck().all(...params);
      };
      expect(run('"100%_off"')).toEqual(['wi_a']);
      expect(run('100%')).toEqual(['wi_a']);
      expect(run('"C:\\\\temp"')).toEqual(['wi_d']);
    } finally {
      local.close();
    }
  });
});
