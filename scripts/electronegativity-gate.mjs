#!/usr/bin/env node
/**
 * Electronegativity as a CI gate. The tool reports but always exits 0, so this script runs it, reads its
 * findings and fails on any HIGH or MEDIUM one.
 *
 *   node scripts/electronegativity-gate.mjs [DIR ...]     (default: main preload renderer)
 *
 * The directories are copied into one staging folder and scanned together, so global checks (is there a
 * CSP? a permission handler? a navigation limit?) see the whole app, not one folder at a time.
 * AvailableSecurityFixesGlobalCheck is skipped: it needs the internet and is about the Electron version,
 * which the lockfile pins. Findings reviewed in the code carry an `eng-disable CHECK_ID` comment on the
 * flagged line with the reason above it; the gate lists them so none goes unnoticed.
 *
 * Exit: 0 clean, 1 HIGH/MEDIUM findings, 2 the scan itself failed (including a file it could not parse).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FAILING = new Set(['HIGH', 'MEDIUM']);
const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const SOURCE = /\.(m?[jt]sx?|cjs|html?)$/;

function electronVersion() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '').replace(/^[^\d]*/, '');
}

function stage(dirs) {
  const staging = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  const input = path.join(staging, 'app');
  for (const dir of dirs) {
    const from = path.resolve(root, dir);
    if (!existsSync(from)) throw new Error(`No such directory: ${dir}`);
    cpSync(from, path.join(input, path.basename(from)), {
      recursive: true,
      filter: (file) => !/(^|[\\/])(node_modules|\.git|dist|coverage)([\\/]|$)/.test(path.relative(from, file)),
    });
  }
  return { staging, input };
}

function reviewedExceptions(input) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (SOURCE.test(entry)) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            const match = /eng-disable[ \t]+([\w \t,]+)/.exec(line);
            if (match) found.push({ file: path.relative(input, file), line: index + 1, checks: match[1].trim() });
          });
      }
    }
  };
  walk(input);
  return found;
}

/**
 * Runs Electronegativity through its programmatic entry (the package's `main`, the same `run` its CLI
 * calls). Not `-o findings.csv`: the CLI writes the CSV header and rows with two concurrent async
 * writes, and the header can land on top of the first rows — seen here, corrupting exactly the findings
 * a gate must not miss. SARIF is written safely but carries no severity.
 */
export async function runGate(dirs) {
  const { staging, input } = stage(dirs);
  try {
    const runner = createRequire(import.meta.url)('@doyensec/electronegativity');
    const run = runner.default ?? runner;
    const version = electronVersion();
    const result = await run(
      {
        input,
        isRelative: true,
        isSarif: false,
        customScan: [],
        excludeFromScan: SKIPPED_CHECKS.map((check) => check.toLowerCase()),
        ...(version ? { electronVersionOverride: version } : {}),
        parserPlugins: [],
      },
      false,
    );
    // A file the parser could not read was not checked at all: that is a failed scan, not a clean one.
    const unreadable = result.errors.filter((error) => !error.tolerable);
    if (unreadable.length) {
      return { status: 'error', message: `could not parse ${unreadable.map((error) => `${path.relative(input, error.file)} (${error.message})`).join('; ')}` };
    }
    const findings = result.issues.map((issue) => ({
      issue: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      filename: issue.file,
      location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
      description: issue.description,
    }));
    return { status: 'ok', findings, reviewed: reviewedExceptions(input) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function main() {
  // node:util parseArgs, as every CLI here: directories only; a flag is refused rather than taken for one.
  const { positionals } = parseArgs({ args: process.argv.slice(2), options: {}, allowPositionals: true, strict: true });
  const dirs = positionals.length ? positionals : ['main', 'preload', 'renderer'];
  let result;
  try {
    result = await runGate(dirs);
  } catch (error) {
    result = { status: 'error', message: error.message };
  }
  if (result.status === 'error') {
    console.error(`electronegativity gate: ${result.message}`);
    process.exit(2);
  }
  const failing = result.findings.filter((finding) => FAILING.has(finding.severity));
  for (const finding of result.findings) {
    const mark = FAILING.has(finding.severity) ? 'FAIL' : 'note';
    console.log(`${mark} ${finding.severity}/${finding.confidence} ${finding.issue} ${finding.filename}:${finding.location} ${finding.description}`);
  }
  for (const exception of result.reviewed) console.log(`reviewed ${exception.checks} at ${exception.file}:${exception.line}`);
  console.log(
    `electronegativity gate over ${dirs.join(', ')}: ${failing.length} HIGH/MEDIUM, ${result.findings.length - failing.length} lower, ${result.reviewed.length} reviewed exception(s)`,
  );
  process.exit(failing.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
