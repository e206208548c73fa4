export type SkippedTest = { runner: string; id: string; status: 'skipped' | 'todo' };
export type RunnerCount = { passed: number; failed: number; failures: string[]; reasons: Record<string, string>; skipped: SkippedTest[] };
export type AllowedSkip = { runner: string; test: string; reason: string };
export type PlanPart = { name: string; files?: string[]; npmScript?: string };
export declare function reasonExcerpt(message: unknown): string;
export declare function countVitest(report: unknown, root: string): RunnerCount;
export declare function countPlaywright(report: unknown): RunnerCount;
export declare function parseAllowedSkips(json: unknown): { entries: AllowedSkip[]; problems: string[] };
export declare function judgeSkips(skipped: SkippedTest[], allowed: AllowedSkip[]): { allowed: SkippedTest[]; refused: SkippedTest[]; stale: AllowedSkip[] };
export declare function missingParts(
  plan: { checks: PlanPart[]; runners: PlanPart[] },
  env: { fileExists: (path: string) => boolean; npmScripts: Record<string, string> },
): string[];
export declare function summarize(input: {
  checks: { name: string; ok: boolean }[];
  runners: { name: string; count: RunnerCount | null; exitOk: boolean }[];
  allowed: AllowedSkip[];
  allowListProblems: string[];
  missing: string[];
}): { passed: number; failed: number; skipped: number; lines: string[] };
