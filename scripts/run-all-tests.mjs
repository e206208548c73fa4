#!/usr/bin/env node
// Runs every check and test runner of scripts/test-plan.mjs in turn and ends with one closing line,
// `N passed, N failed, N skipped`, which is the summary CI reads. Each step's own output streams through
// unchanged; the counting rules live in scripts/test-totals.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { CHECKS, RUNNERS, ALLOWED_SKIPS_FILE } from './test-plan.mjs';
import { countPlaywright, countVitest, missingParts, parseAllowedSkips, summarize } from './test-totals.mjs';

const root = process.cwd();
mkdirSync('test-results', { recursive: true });

function run(command, args) {
  const started = Date.now();
  console.log(`\n=== ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  console.log(`=== exit ${result.status ?? result.signal} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

const npmScripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
const missing = missingParts({ checks: CHECKS, runners: RUNNERS }, { fileExists: existsSync, npmScripts });
const present = (part) => !missing.some((m) => m.startsWith(`${part.name}:`));

const checks = CHECKS.filter(present).map((check) => ({ name: check.name, ok: run('npm', ['run', '--silent', check.npmScript]) }));

const counters = { vitest: (report) => countVitest(report, root), playwright: countPlaywright };
const runners = RUNNERS.filter(present).map((runner) => {
  rmSync(runner.report, { force: true });
  const exitOk = run(runner.command[0], runner.command.slice(1));
  const count = existsSync(runner.report) ? counters[runner.kind](JSON.parse(readFileSync(runner.report, 'utf8'))) : null;
  return { name: runner.name, count, exitOk };
});

let allowed = [];
let allowListProblems = [];
if (existsSync(ALLOWED_SKIPS_FILE)) {
  try {
    ({ entries: allowed, problems: allowListProblems } = parseAllowedSkips(JSON.parse(readFileSync(ALLOWED_SKIPS_FILE, 'utf8'))));
  } catch (error) {
    allowListProblems = [`not valid JSON (${error.message})`];
  }
} else {
  allowListProblems = ['is missing (an empty list is {"skips": []})'];
}

const summary = summarize({ checks, runners, allowed, allowListProblems, missing });
for (const line of summary.lines) console.log(line);
process.exit(summary.failed > 0 ? 1 : 0);
