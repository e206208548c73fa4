export type ImportViolation = { file: string; line: number; specifier: string; problem: string };
export declare const LAYERS: Record<string, unknown>;
export declare function checkImports(root: string): ImportViolation[];
