// The counting rules of README's test command, kept apart from the running so that tests can prove each
// rule fires (tests/unit/scripts/test-totals.test.ts). Pure functions: reports and lists in, verdicts out.
import { relative, sep } from 'node:path';

/**
 * @typedef {{ runner: string, id: string, status: 'skipped' | 'todo' }} SkippedTest
 * @typedef {{ passed: number, failed: number, failures: string[], reasons: Record<string, string>, skipped: SkippedTest[] }} RunnerCount
 * @typedef {{ runner: string, test: string, reason: string }} AllowedSkip
 */

function toPosix(path) {
  return path.split(sep).join('/');
}

/** What of a failure's message the closing lines show: CI keeps only the end of the output. */
const REASON_HEAD_LINES = 5;
const REASON_TAIL_LINES = 3;
const REASON_LINE_CHARS = 200;

/**
 * A failure message shortened for the closing lines, without colours, blank lines or stack frames: its
 * first lines (the assertion) and its last (where a long custom message ends in "expected … to be …"),
 * enough to tell what failed when only the end of a long CI log is kept.
 */
export function reasonExcerpt(message) {
  // without ANSI colour codes (ESC [ … m)
  const plain = String(message ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
  const cut = (line) => (line.length > REASON_LINE_CHARS ? `${line.slice(0, REASON_LINE_CHARS)}…` : line);
  if (lines.length <= REASON_HEAD_LINES + REASON_TAIL_LINES) return lines.map(cut).join('\n');
  const left = lines.length - REASON_HEAD_LINES - REASON_TAIL_LINES;
  return [...lines.slice(0, REASON_HEAD_LINES), `… (${left} more lines in the runner's report)`, ...lines.slice(-REASON_TAIL_LINES)].map(cut).join('\n');
}

/** Counts a Vitest JSON report. A file that fails to load has no tests in it: it counts as one failure. */
export function countVitest(report, root) {
  /** @type {RunnerCount} */
  const count = { passed: 0, failed: 0, failures: [], reasons: {}, skipped: [] };
  for (const file of report.testResults ?? []) {
    const path = toPosix(relative(root, file.name));
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      const id = `${path} (did not load)`;
      count.failed += 1;
      count.failures.push(id);
      if (file.message) count.reasons[id] = reasonExcerpt(file.message);
    }
    for (const test of file.assertionResults ?? []) {
      const id = `${path} > ${test.fullName}`;
      if (test.status === 'passed') count.passed += 1;
      else if (test.status === 'failed') {
        count.failed += 1;
        count.failures.push(id);
        if ((test.failureMessages ?? []).length > 0) count.reasons[id] = reasonExcerpt(test.failureMessages[0]);
      }
      else if (test.status === 'todo') count.skipped.push({ runner: 'vitest', id, status: 'todo' });
      // 'skipped' and 'pending' are both tests that did not run.
      else count.skipped.push({ runner: 'vitest', id, status: 'skipped' });
    }
  }
  return count;
}

/** Walks Playwright's nested suites down to its tests, with the titles that lead to each. */
function* playwrightTests(suites, titles) {
  for (const suite of suites ?? []) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) yield { file: spec.file, titles: [...path, spec.title], test };
    }
    yield* playwrightTests(suite.suites, path);
  }
}

/**
 * Counts a Playwright JSON report. `test.skip()` is a skip; `test.fixme()` and `test.fail()` (a known
 * failure that indeed failed) are todo: none of them is a pass, and each needs an allow-list entry.
 */
export function countPlaywright(report) {
  /** @type {RunnerCount} */
  const count = { passed: 0, failed: 0, failures: [], reasons: {}, skipped: [] };
  for (const { file, titles, test } of playwrightTests(report.suites, [])) {
    // The top suite's title is the file; keep the test's own titles after it.
    const id = `${file} > ${titles.filter((t) => t !== file).join(' > ')}`;
    const annotations = (test.annotations ?? []).map((a) => a.type);
    if (test.status === 'skipped') {
      count.skipped.push({ runner: 'playwright', id, status: annotations.includes('fixme') ? 'todo' : 'skipped' });
    } else if (test.status === 'expected' || test.status === 'flaky') {
      if (test.expectedStatus === 'failed') count.skipped.push({ runner: 'playwright', id, status: 'todo' });
      else count.passed += 1;
    } else {
      count.failed += 1;
      count.failures.push(id);
      const error = (test.results ?? []).map((result) => result.error?.message).find((message) => message);
      if (error) count.reasons[id] = reasonExcerpt(error);
    }
  }
  for (const error of report.errors ?? []) {
    count.failed += 1;
    count.failures.push(`playwright: ${String(error.message ?? 'error outside a test').split('\n')[0]}`);
  }
  return count;
}

/**
 * Parses the allow-list: `{ "skips": [{ runner, test, reason }] }`, each reason a real sentence.
 * Returns the entries and the problems with the file.
 */
export function parseAllowedSkips(json) {
  const problems = [];
  const list = json && typeof json === 'object' ? json.skips : undefined;
  if (!Array.isArray(list)) return { entries: [], problems: ['must be an object whose "skips" is an array'] };
  /** @type {AllowedSkip[]} */
  const entries = [];
  list.forEach((entry, i) => {
    const ok = entry && typeof entry === 'object' && typeof entry.runner === 'string' && typeof entry.test === 'string' &&
      typeof entry.reason === 'string' && entry.reason.trim().length >= 10;
    if (ok) entries.push(entry);
    else problems.push(`entry ${i}: needs "runner", "test" and a "reason" of at least 10 characters`);
  });
  return { entries, problems };
}

/**
 * Splits skipped and todo tests into those the allow-list permits and those that fail the run; an
 * allow-list entry that matches no skipped test is stale and fails the run too, so the list stays true.
 */
export function judgeSkips(skipped, allowed) {
  const key = (runner, id) => `${runner}\u0000${id}`;
  const allowedKeys = new Set(allowed.map((a) => key(a.runner, a.test)));
  const seen = new Set(skipped.map((s) => key(s.runner, s.id)));
  return {
    allowed: skipped.filter((s) => allowedKeys.has(key(s.runner, s.id))),
    refused: skipped.filter((s) => !allowedKeys.has(key(s.runner, s.id))),
    stale: allowed.filter((a) => !seen.has(key(a.runner, a.test))),
  };
}

/**
 * What is missing from the plan: a config file, an npm script or a script file that a check or runner
 * needs. Each missing piece fails the run.
 */
export function missingParts(plan, { fileExists, npmScripts }) {
  const missing = [];
  for (const part of [...plan.checks, ...plan.runners]) {
    for (const file of part.files ?? []) if (!fileExists(file)) missing.push(`${part.name}: ${file} is missing`);
    if (part.npmScript && !(part.npmScript in npmScripts)) missing.push(`${part.name}: npm script "${part.npmScript}" is missing from package.json`);
  }
  return missing;
}

/**
 * The closing lines. Checks get their own line; the final line counts tests only, but every failed check,
 * refused skip, stale allow-list entry, missing part and runner that ran no test adds a failure to it, so
 * the final line can never read `0 failed` while something failed.
 *
 * @param {{ checks: { name: string, ok: boolean }[], runners: { name: string, count: RunnerCount | null, exitOk: boolean }[],
 *   allowed: AllowedSkip[], allowListProblems: string[], missing: string[] }} input
 */
export function summarize({ checks, runners, allowed, allowListProblems, missing }) {
  const problems = [...missing, ...allowListProblems.map((p) => `${'tests/allowed-skips.json'}: ${p}`)];
  let passed = 0;
  let failed = missing.length + allowListProblems.length;
  const skipped = [];
  for (const runner of runners) {
    if (runner.count === null) { failed += 1; problems.push(`${runner.name}: no report (it crashed or did not run)`); continue; }
    passed += runner.count.passed;
    failed += runner.count.failed;
    for (const failure of runner.count.failures) {
      const reason = runner.count.reasons[failure];
      problems.push(`${runner.name}: ${failure}${reason ? `\n${reason.replace(/^/gm, '    ')}` : ''}`);
    }
    skipped.push(...runner.count.skipped);
    const ran = runner.count.passed + runner.count.failed + runner.count.skipped.length;
    if (ran === 0) { failed += 1; problems.push(`${runner.name}: ran no test`); }
    else if (!runner.exitOk && runner.count.failed === 0) { failed += 1; problems.push(`${runner.name}: exited non-zero with no failed test`); }
  }
  const verdict = judgeSkips(skipped, allowed);
  failed += verdict.refused.length + verdict.stale.length;
  problems.push(...verdict.refused.map((s) => `${s.runner}: ${s.status} test not in the allow-list: ${s.id}`));
  problems.push(...verdict.stale.map((a) => `${a.runner}: allow-list entry matches no skipped test: ${a.test}`));

  const checksFailed = checks.filter((c) => !c.ok);
  failed += checksFailed.length;
  problems.push(...checksFailed.map((c) => `check failed: ${c.name}`));

  const lines = [];
  // a failure's reason comes on the lines below it, indented further
  if (problems.length > 0) lines.push('', 'failures:', ...problems.flatMap((p) => p.split('\n')).map((line) => `  ${line}`));
  if (verdict.allowed.length > 0) lines.push('', 'skipped (allowed):', ...verdict.allowed.map((s) => `  ${s.runner}: ${s.id}`));
  lines.push('', `checks: ${checks.length - checksFailed.length} passed, ${checksFailed.length} failed`);
  lines.push(`${passed} passed, ${failed} failed, ${verdict.allowed.length} skipped`);
  return { passed, failed, skipped: verdict.allowed.length, lines };
}
