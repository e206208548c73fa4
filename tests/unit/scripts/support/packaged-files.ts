/**
 * The file set electron-builder would put in the app, computed by electron-builder's own matchers
 * (app-builder-lib's getMainFileMatchers, getNodeModuleFileMatcher and FileMatcher) over a staged app,
 * since electron-builder itself cannot run here (it downloads Electron).
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
type Filter = (file: string, stat: Stats) => boolean;
interface Matcher {
  createFilter(): Filter;
}
const fileMatcher = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, macroExpander: (text: string) => string, patterns?: string[]) => Matcher;
  getMainFileMatchers(appDir: string, destination: string, macroExpander: (text: string) => string, platformOptions: object, platformPackager: object, outDir: string, isElectronCompile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, macroExpander: (text: string) => string, platformOptions: object, packager: object): Matcher;
};

export interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  directories: { buildResources: string; output: string };
  linux: object;
}

function walk(root: string, from: string, filter: Filter, into: string[]): void {
  for (const name of readdirSync(from)) {
    const file = path.join(from, name);
    const stat = statSync(file);
    if (!filter(file, stat)) continue;
    if (stat.isDirectory()) walk(root, file, filter, into);
    else into.push(path.relative(root, file).split(path.sep).join('/'));
  }
}

/** Files of the app (relative to the app dir) and the subset electron-builder leaves outside the asar. */
export function packagedFiles(appDir: string, projectDir: string, config: BuilderConfig): { files: string[]; unpacked: string[] } {
  const expand = (text: string) => text;
  const info = { projectDir, buildResourcesDir: config.directories.buildResources, config, isPrepackedAppAsar: false, debugLogger: { isEnabled: false } };
  const [main] = fileMatcher.getMainFileMatchers(appDir, '/app', expand, config.linux, { info }, path.join(projectDir, config.directories.output), false);
  if (!main) throw new Error('no file matcher');
  const files: string[] = [];
  walk(appDir, appDir, main.createFilter(), files);
  const modules = fileMatcher.getNodeModuleFileMatcher(appDir, '/app', expand, config.linux, { config, debugLogger: { isEnabled: false } });
  walk(appDir, path.join(appDir, 'node_modules'), modules.createFilter(), files);
  const unpackFilter = new fileMatcher.FileMatcher(appDir, '/app', expand, [...config.asarUnpack]).createFilter();
  const unpacked = files.filter((file) => unpackFilter(path.join(appDir, file), statSync(path.join(appDir, file))));
  return { files: files.sort(), unpacked };
}
