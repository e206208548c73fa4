/** What every benchmark file shares: its result type, percentiles, and running it on its own. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** One line of bench-results.json. */
export type BenchResult = { name: string; value: number; unit: string; target: string; met: boolean };

/** The p-th percentile (nearest rank) of samples, sorted or not. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  const sorted = Array.from(samples).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * `npx tsx bench/NAME.bench.ts` runs one benchmark alone and prints its results; `npm run bench`
 * imports the same file and calls its default export instead.
 */
export function runIfMain(moduleUrl: string, run: () => Promise<BenchResult[]>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  run().then(
    (results) => {
      for (const r of results) console.log(`${r.met ? 'MET ' : 'MISS'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
