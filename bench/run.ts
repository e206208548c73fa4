/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (one at a time, so they do not share the two cores),
 * writes bench-results.json (an array of {name, value, unit, target, met}) and docs/benchmarks.md.
 * Run one file alone with `npx tsx bench/run.ts cache` (a substring of its name).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

import type { BenchResult } from './bench-kit';

/** Each file's default export is checked, so a malformed result fails loudly instead of skewing the table. */
const BenchResultSchema: z.ZodType<BenchResult> = z.object({
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  target: z.string(),
  met: z.boolean(),
});

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..');
const filter = process.argv[2];
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const results: (BenchResult & { file: string })[] = [];
const failures: string[] = [];
for (const file of files) {
  const started = Date.now();
  console.log(`bench: ${file} …`);
  try {
    const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as { default?: unknown };
    if (typeof mod.default !== 'function') throw new Error('a benchmark module default-exports its run function');
    const run = mod.default as () => Promise<unknown>;
    const produced = z.array(BenchResultSchema).parse(await run());
    for (const r of produced) {
      results.push({ ...r, file });
      console.log(`  ${r.met ? 'met ' : 'MISS'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
    }
  } catch (error) {
    failures.push(`${file}: ${(error as Error).stack ?? error}`);
    console.error(`  FAILED ${file}: ${(error as Error).message}`);
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// A filtered run measures one thing while working on it; only a full run rewrites the record.
const writeRecord = !filter;
if (writeRecord) writeFileSync(join(root, 'bench-results.json'), JSON.stringify(results.map(({ file: _file, ...r }) => r), null, 2) + '\n');

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`;
const lines = [
  '# Benchmarks',
  '',
  'Produced by `npm run bench` (bench/run.ts), which runs every `bench/*.bench.ts` one after another and writes',
  '`bench-results.json` and this file. Targets come from the issues. Re-run after touching a measured path.',
  '',
  `- Command: \`npm run bench\``,
  `- Machine: ${machine}`,
  `- Date: ${new Date().toISOString()}`,
  '',
  '| benchmark | value | target | met | source |',
  '|---|---|---|---|---|',
  ...results.map((r) => `| ${r.name} | ${r.value} ${r.unit} | ${r.target} | ${r.met ? 'yes' : '**no**'} | bench/${r.file} |`),
  '',
];
lines.push(
  '## How each is measured',
  '',
  '- **cache** (issue 4): 100,000 synthetic items in the desktop cache (SQLite, FTS5); inbox pages are the query',
  '  language plus sort, 50 rows; searches are names, phone/email fragments and ticket numbers.',
  '- **roundtrip** (issue 4): a trivial core operation through the browser-mode WebSocket host, and through the',
  '  main-process IPC handler with its sender check and validation.',
  '- **server-offers** (issue 3): 1,000 agents connected on the events WebSocket; items created over HTTP, each',
  '  `workitem.offered` answered with an accept over HTTP; steady state after 1,000 warm-up items. Every commit is',
  '  in the WAL (synchronous NORMAL: survives a process kill, as the SIGKILL test shows) before its response or',
  '  event leaves. `separate processes` is the platform as its own process (as deployed) with the load generator',
  '  on the other core; `one process` shares one event loop between them.',
  '- **server-routing** (issue 3): the router\'s pure decision (`RoutingIndex#decideNext`) with 1,000 agents and',
  '  10,000 waiting items.',
  '- **sync** (issue 4): the real platform as a child process holding 100,000 items for the agent; a fresh desktop',
  '  core signs in, takes the snapshot and goes online.',
  '',
);
if (failures.length > 0) lines.push('## Benchmarks that failed to run', '', ...failures.map((f) => '- ' + f.split('\n')[0]), '');
if (writeRecord) writeFileSync(join(root, 'docs', 'benchmarks.md'), lines.join('\n'));
console.log(`bench: ${results.length} results, ${results.filter((r) => !r.met).length} missed, ${failures.length} failed to run`);
process.exitCode = failures.length > 0 ? 1 : 0;
