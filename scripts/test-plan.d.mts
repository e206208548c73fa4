import type { PlanPart } from './test-totals.mjs';
export declare const CHECKS: (PlanPart & { npmScript: string })[];
export declare const RUNNERS: (PlanPart & { kind: 'vitest' | 'playwright'; command: string[]; report: string })[];
export declare const ALLOWED_SKIPS_FILE: string;
