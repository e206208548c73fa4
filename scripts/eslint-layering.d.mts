import type { ESLint, Rule } from 'eslint';
export declare const LAYERS: Record<string, unknown>;
export declare function judgeImport(input: { root: string; file: string; specifier: string; importedNames?: string[] | null }): string | null;
declare const plugin: ESLint.Plugin & { rules: { layering: Rule.RuleModule } };
export default plugin;
