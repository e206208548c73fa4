import { describe, expect, it } from 'vitest';
import { CHECKS, RUNNERS } from '../../../scripts/test-plan.mjs';
import {
  countPlaywright,
  countVitest,
  judgeSkips,
  missingParts,
  parseAllowedSkips,
  reasonExcerpt,
  summarize,
  type RunnerCount,
} from '../../../scripts/test-totals.mjs';

const ROOT = '/repo';

function vitestReport(tests: { status: string; fullName: string; failureMessages?: string[] }[], extraFiles: unknown[] = []) {
  return { testResults: [{ name: '/repo/tests/unit/a.test.ts', status: 'passed', assertionResults: tests }, ...extraFiles] };
}

function playwrightReport(tests: { title: string; status: string; expectedStatus?: string; annotations?: { type: string }[] }[]) {
  return {
    suites: [{
      title: 'chat.spec.ts',
      file: 'chat.spec.ts',
      specs: [],
      suites: [{
        title: 'chat',
        file: 'chat.spec.ts',
        specs: tests.map((t) => ({ title: t.title, file: 'chat.spec.ts', tests: [{ status: t.status, expectedStatus: t.expectedStatus ?? 'passed', annotations: t.annotations ?? [] }] })),
      }],
    }],
    errors: [],
  };
}

const counted = (passed: number, skipped: RunnerCount['skipped'] = []): RunnerCount => ({ passed, failed: 0, failures: [], reasons: {}, skipped });
const clean = { checks: [{ name: 'typecheck', ok: true }], allowed: [], allowListProblems: [], missing: [] };

describe('countVitest', () => {
  it('counts passes and failures and names each failure by file and full name', () => {
    const count = countVitest(vitestReport([
      { status: 'passed', fullName: 'a works' },
      { status: 'failed', fullName: 'a breaks' },
    ]), ROOT);
    expect(count).toMatchObject({ passed: 1, failed: 1, failures: ['tests/unit/a.test.ts > a breaks'] });
  });

  it('lists skipped, pending and todo tests instead of dropping them', () => {
    const count = countVitest(vitestReport([
      { status: 'skipped', fullName: 's' },
      { status: 'pending', fullName: 'p' },
      { status: 'todo', fullName: 't' },
    ]), ROOT);
    expect(count.skipped).toEqual([
      { runner: 'vitest', id: 'tests/unit/a.test.ts > s', status: 'skipped' },
      { runner: 'vitest', id: 'tests/unit/a.test.ts > p', status: 'skipped' },
      { runner: 'vitest', id: 'tests/unit/a.test.ts > t', status: 'todo' },
    ]);
    expect(count.passed + count.failed).toBe(0);
  });

  it('keeps the head of each failure message, so the closing lines say what failed', () => {
    const count = countVitest(vitestReport([
      { status: 'failed', fullName: 'a breaks', failureMessages: ['\u001b[31mAssertionError: expected 0 to be 202\u001b[39m\n    at a.test.ts:3:5'] },
    ]), ROOT);
    expect(count.reasons).toEqual({ 'tests/unit/a.test.ts > a breaks': 'AssertionError: expected 0 to be 202' });
  });

  it('counts a file that failed to load as one failure', () => {
    const count = countVitest(vitestReport([], [{ name: '/repo/tests/unit/broken.test.ts', status: 'failed', assertionResults: [] }]), ROOT);
    expect(count).toMatchObject({ failed: 1, failures: ['tests/unit/broken.test.ts (did not load)'] });
  });
});

describe('countPlaywright', () => {
  it('counts expected and flaky as passed, unexpected as failed, skip and fixme as skipped', () => {
    const count = countPlaywright(playwrightReport([
      { title: 'sends', status: 'expected' },
      { title: 'retries', status: 'flaky' },
      { title: 'breaks', status: 'unexpected' },
      { title: 'later', status: 'skipped' },
      { title: 'broken', status: 'skipped', annotations: [{ type: 'fixme' }] },
    ]));
    expect(count.passed).toBe(2);
    expect(count.failures).toEqual(['chat.spec.ts > chat > breaks']);
    expect(count.skipped).toEqual([
      { runner: 'playwright', id: 'chat.spec.ts > chat > later', status: 'skipped' },
      { runner: 'playwright', id: 'chat.spec.ts > chat > broken', status: 'todo' },
    ]);
  });

  it('keeps the error of a failed test\'s first failing attempt', () => {
    const report = playwrightReport([{ title: 'breaks', status: 'unexpected' }]);
    Object.assign(report.suites[0]!.suites[0]!.specs[0]!.tests[0]!, { results: [{ status: 'failed', error: { message: 'Error: toast not visible\n\n  at spec.ts:9' } }] });
    expect(countPlaywright(report).reasons).toEqual({ 'chat.spec.ts > chat > breaks': 'Error: toast not visible' });
  });

  it('counts a test marked test.fail() as todo, not as a pass', () => {
    const count = countPlaywright(playwrightReport([{ title: 'known bug', status: 'expected', expectedStatus: 'failed' }]));
    expect(count).toMatchObject({ passed: 0, failed: 0, skipped: [{ runner: 'playwright', id: 'chat.spec.ts > chat > known bug', status: 'todo' }] });
  });

  it('counts an error outside any test (global setup) as a failure', () => {
    const count = countPlaywright({ suites: [], errors: [{ message: 'global setup failed\nstack' }] });
    expect(count).toMatchObject({ failed: 1, failures: ['playwright: global setup failed'] });
  });
});

describe('the allow-list', () => {
  it('accepts entries with a runner, a test and a reason', () => {
    const parsed = parseAllowedSkips({ skips: [{ runner: 'vitest', test: 'a > b', reason: 'needs a GPU, lent only to some runs' }] });
    expect(parsed).toEqual({ entries: [{ runner: 'vitest', test: 'a > b', reason: 'needs a GPU, lent only to some runs' }], problems: [] });
  });

  it('refuses an entry without a real reason and a file of the wrong shape', () => {
    expect(parseAllowedSkips({ skips: [{ runner: 'vitest', test: 'a > b', reason: 'flaky' }] }).problems).toHaveLength(1);
    expect(parseAllowedSkips([]).problems).toEqual(['must be an object whose "skips" is an array']);
  });

  it('lets listed skips through, refuses the others and reports stale entries', () => {
    const verdict = judgeSkips(
      [{ runner: 'vitest', id: 'a > listed', status: 'skipped' }, { runner: 'vitest', id: 'a > unlisted', status: 'todo' }],
      [{ runner: 'vitest', test: 'a > listed', reason: 'documented reason here' }, { runner: 'vitest', test: 'a > gone', reason: 'documented reason here' }],
    );
    expect(verdict.allowed.map((s) => s.id)).toEqual(['a > listed']);
    expect(verdict.refused.map((s) => s.id)).toEqual(['a > unlisted']);
    expect(verdict.stale.map((a) => a.test)).toEqual(['a > gone']);
  });

  it('matches on the runner too', () => {
    const verdict = judgeSkips([{ runner: 'playwright', id: 'a > b', status: 'skipped' }], [{ runner: 'vitest', test: 'a > b', reason: 'documented reason here' }]);
    expect(verdict.refused).toHaveLength(1);
  });
});

describe('missingParts', () => {
  const plan = { checks: [{ name: 'lint', npmScript: 'lint', files: ['eslint.config.js'] }], runners: [{ name: 'vitest', files: ['vitest.config.ts'] }] };

  it('finds nothing missing when every file and script is there', () => {
    expect(missingParts(plan, { fileExists: () => true, npmScripts: { lint: 'eslint .' } })).toEqual([]);
  });

  it('reports a deleted config and a deleted npm script', () => {
    expect(missingParts(plan, { fileExists: (f) => f !== 'vitest.config.ts', npmScripts: {} })).toEqual([
      'lint: npm script "lint" is missing from package.json',
      'vitest: vitest.config.ts is missing',
    ]);
  });

  it('holds for the real plan: every check and runner of README\'s test command is declared', () => {
    expect(CHECKS.map((c) => c.npmScript)).toEqual(expect.arrayContaining(['typecheck', 'lint', 'build:renderer']));
    expect(RUNNERS.map((r) => r.kind).sort()).toEqual(['playwright', 'vitest', 'vitest']);
    expect(RUNNERS.find((r) => r.command.includes('STORE=postgres'))?.report).not.toBe(RUNNERS.find((r) => r.name === 'vitest')?.report);
  });
});

describe('reasonExcerpt', () => {
  it('keeps a long message\'s first and last lines and says how many it left out', () => {
    const message = ['edge log line 1', ...Array.from({ length: 20 }, (_, i) => `edge log line ${i + 2}`), 'refer: expected 0 to be 202'].join('\n');
    const excerpt = reasonExcerpt(message).split('\n');
    expect(excerpt).toHaveLength(9);
    expect(excerpt[0]).toBe('edge log line 1');
    expect(excerpt[5]).toBe("… (14 more lines in the runner's report)");
    expect(excerpt.at(-1)).toBe('refer: expected 0 to be 202');
  });

  it('cuts a very long line', () => {
    expect(reasonExcerpt('x'.repeat(500))).toBe(`${'x'.repeat(200)}…`);
  });
});

describe('summarize', () => {
  it('shows each failure\'s reason indented under it, one line at a time', () => {
    const count: RunnerCount = { passed: 1, failed: 1, failures: ['a > b'], reasons: { 'a > b': 'AssertionError: expected 1 to be 2\nsecond line' }, skipped: [] };
    const summary = summarize({ ...clean, runners: [{ name: 'vitest', count, exitOk: false }] });
    expect(summary.lines).toEqual(expect.arrayContaining(['  vitest: a > b', '      AssertionError: expected 1 to be 2', '      second line']));
    expect(summary.lines.at(-1)).toBe('1 passed, 1 failed, 0 skipped');
  });

  it('passes a clean run and ends with the plain line', () => {
    const summary = summarize({ ...clean, runners: [{ name: 'vitest', count: counted(3), exitOk: true }] });
    expect(summary.lines.at(-2)).toBe('checks: 1 passed, 0 failed');
    expect(summary.lines.at(-1)).toBe('3 passed, 0 failed, 0 skipped');
  });

  it('fails on a skipped test that is not allowed', () => {
    const summary = summarize({ ...clean, runners: [{ name: 'vitest', count: counted(3, [{ runner: 'vitest', id: 'a > s', status: 'skipped' }]), exitOk: true }] });
    expect(summary.lines.at(-1)).toBe('3 passed, 1 failed, 0 skipped');
    expect(summary.lines).toContain('  vitest: skipped test not in the allow-list: a > s');
  });

  it('fails on a todo test too', () => {
    const summary = summarize({ ...clean, runners: [{ name: 'vitest', count: counted(1, [{ runner: 'vitest', id: 'a > t', status: 'todo' }]), exitOk: true }] });
    expect(summary.failed).toBe(1);
  });

  it('counts an allowed skip as skipped, not failed', () => {
    const summary = summarize({
      ...clean,
      allowed: [{ runner: 'vitest', test: 'a > s', reason: 'documented reason here' }],
      runners: [{ name: 'vitest', count: counted(3, [{ runner: 'vitest', id: 'a > s', status: 'skipped' }]), exitOk: true }],
    });
    expect(summary.lines.at(-1)).toBe('3 passed, 0 failed, 1 skipped');
  });

  it('fails on a stale allow-list entry and on a broken allow-list', () => {
    expect(summarize({ ...clean, allowed: [{ runner: 'vitest', test: 'gone', reason: 'documented reason here' }], runners: [{ name: 'vitest', count: counted(1), exitOk: true }] }).failed).toBe(1);
    expect(summarize({ ...clean, allowListProblems: ['not valid JSON'], runners: [{ name: 'vitest', count: counted(1), exitOk: true }] }).failed).toBe(1);
  });

  it('reports a failed check on its own line and makes the final line fail', () => {
    const summary = summarize({ ...clean, checks: [{ name: 'typecheck', ok: true }, { name: 'eslint', ok: false }], runners: [{ name: 'vitest', count: counted(5), exitOk: true }] });
    expect(summary.lines.at(-2)).toBe('checks: 1 passed, 1 failed');
    expect(summary.lines.at(-1)).toBe('5 passed, 1 failed, 0 skipped');
  });

  it('fails when a part of the plan is missing', () => {
    const summary = summarize({ ...clean, missing: ['vitest: vitest.config.ts is missing'], runners: [] });
    expect(summary.lines.at(-1)).toBe('0 passed, 1 failed, 0 skipped');
  });

  it('fails a runner that left no report, ran no test, or exited non-zero with no failed test', () => {
    expect(summarize({ ...clean, runners: [{ name: 'vitest', count: null, exitOk: false }] }).failed).toBe(1);
    expect(summarize({ ...clean, runners: [{ name: 'vitest', count: counted(0), exitOk: true }] }).failed).toBe(1);
    expect(summarize({ ...clean, runners: [{ name: 'vitest', count: counted(2), exitOk: false }] }).failed).toBe(1);
  });
});
