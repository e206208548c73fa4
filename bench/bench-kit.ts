/**
 * What every benchmark file shares: the result row, the comparison with a baseline measured in the same
 * run, percentiles and timers, and the platform started as its own process.
 *
 * Why baselines: absolute figures on shared 2-core machines move by 2× between runs, so each figure is
 * reported beside the same work done the bare way (a hand-written better-sqlite3 query, a bare bulk
 * insert, a bare Fastify + ws server, a bare WebSocket echo) on the same data, in the same run, and the
 * target is on the ratio of the two — which says how much our code adds, and means the same on any machine.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * One line of bench-results.json. `value` is our code's figure, `baseline` the bare one in the same unit
 * and the same run, `ratio` value ÷ baseline. `target` is on the ratio ("ratio <= 3", "ratio >= 0.5");
 * a row without one is report-only: `target` and `met` are null (never counted as met).
 */
export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
};

/**
 * A target on value ÷ baseline: at most (times, latencies) or at least (rates) so much — or, where the
 * figure itself is the requirement whatever the machine (an event-loop delay a ring must not wait
 * behind), on the value: `valueAtMost`, in the row's unit.
 */
export type RatioTarget = { atMost: number } | { atLeast: number } | { valueAtMost: number };

function targetText(target: RatioTarget, unit: string): string {
  if ('valueAtMost' in target) return `value <= ${target.valueAtMost} ${unit}`;
  return 'atMost' in target ? `ratio <= ${target.atMost}` : `ratio >= ${target.atLeast}`;
}

function targetMet(target: RatioTarget, value: number, ratio: number | null): boolean | null {
  if ('valueAtMost' in target) return value <= target.valueAtMost;
  if (ratio === null) return null;
  return 'atMost' in target ? ratio <= target.atMost : ratio >= target.atLeast;
}

/** Significant enough to compare, short enough to read: 3 significant digits, at least 3 decimals below 1. */
function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  if (Math.abs(n) >= 100) return Math.round(n);
  return Number(n.toPrecision(3));
}

/**
 * A result row: our figure beside the baseline measured in the same run, and the target on their ratio.
 * Without a target the row is report-only (`met: null`); without a baseline it has no ratio either.
 */
export function compare(row: { name: string; value: number; unit: string; baseline?: number; target?: RatioTarget }): BenchResult {
  const baseline = row.baseline ?? null;
  const ratio = baseline === null || baseline === 0 ? null : round(row.value / baseline);
  if (row.target !== undefined && !('valueAtMost' in row.target) && ratio === null) throw new Error(`${row.name}: a target on the ratio needs a baseline`);
  const target = row.target === undefined ? null : targetText(row.target, row.unit);
  const met = row.target === undefined ? null : targetMet(row.target, row.value, ratio);
  return { name: row.name, value: round(row.value), unit: row.unit, baseline: baseline === null ? null : round(baseline), ratio, target, met };
}

/** The p-th percentile (nearest rank) of samples, sorted or not. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  const sorted = Array.from(samples).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Milliseconds a synchronous call takes. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Milliseconds of each of `samples` sequential awaited calls, after `warmup` untimed ones. */
export async function sampleAsync(call: () => Promise<unknown>, options: { warmup: number; samples: number }): Promise<number[]> {
  for (let i = 0; i < options.warmup; i += 1) await call();
  const out: number[] = [];
  for (let i = 0; i < options.samples; i += 1) {
    const started = process.hrtime.bigint();
    await call();
    out.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return out;
}

export interface ChildServer {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * A Node script as its own process (as the platform runs in production) that prints `listening on URL`;
 * `args` follow `--import tsx SCRIPT`, `nodeArgs` come before (e.g. `--cpu-prof`).
 */
export async function startChildServer(script: string, args: string[], nodeArgs: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.resolve(REPO_ROOT, script), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The platform (`server/cli.ts`) as its own process on a config file. */
export function startPlatformProcess(configFile: string, nodeArgs: string[] = []): Promise<ChildServer> {
  return startChildServer('server/cli.ts', ['--config', configFile, '--quiet'], nodeArgs);
}

export function formatRow(r: BenchResult): string {
  const verdict = r.met === null ? 'info' : r.met ? 'met ' : 'MISS';
  const against = r.baseline === null ? '' : ` vs bare ${r.baseline} ${r.unit} → ratio ${r.ratio}`;
  return `${verdict} ${r.name}: ${r.value} ${r.unit}${against} (target ${r.target ?? 'report only'})`;
}

/**
 * `npx tsx bench/NAME.bench.ts` runs one benchmark alone and prints its results; `npm run bench`
 * imports the same file and calls its default export instead.
 */
export function runIfMain(moduleUrl: string, run: () => Promise<BenchResult[]>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  run().then(
    (results) => {
      for (const r of results) console.log(formatRow(r));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
