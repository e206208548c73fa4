#!/usr/bin/env node
// The layering rule (docs/architecture.md, after VS Code's code-layering check): each top-level folder
// runs in one environment and may import only what exists there. tsconfig `types`/`lib` catch globals;
// this catches imports, which a tsconfig alone cannot forbid. Exits 1 and names each offending line.
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * Per folder: which other top-level folders it may import from, and which packages.
 * `packages: '*'` means any npm package except those in `forbiddenPackages`.
 */
export const LAYERS = {
  common: { folders: ['common'], node: false, packages: ['zod', 'libphonenumber-js'] },
  renderer: {
    folders: ['renderer', 'common'],
    node: false,
    packages: ['react', 'react-dom', 'react-redux', '@reduxjs/toolkit', '@tanstack/react-virtual', 'date-fns', 'zod', 'libphonenumber-js', 'vite', '@vitejs/plugin-react'],
  },
  preload: { folders: ['preload', 'common'], node: false, packages: ['electron', 'zod'] },
  server: { folders: ['server', 'common'], node: true, packages: '*', forbiddenPackages: ['electron', 'react', 'react-dom'] },
  main: { folders: ['main', 'common'], node: true, packages: '*', forbiddenPackages: ['react', 'react-dom'] },
};

/** Electron's main-process APIs are allowed only in the shell, so the rest of main/ runs under plain Node. */
const ELECTRON_ONLY_UNDER = ['main/electron/'];
/** SIP signalling lives in the desktop core (docs/softphone.md): sip.js objects never leave it. */
const SIPJS_ONLY_UNDER = ['main/core/'];

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[^'";]*?\s+from\s+['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    // Build-tool configs (vite.config.ts) run in Node at build time, not in the folder's environment.
    else if (/\.(m?ts|tsx)$/.test(name) && !name.endsWith('.d.ts') && !/\.config\.m?ts$/.test(name)) yield path;
  }
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Line number (1-based) of a character offset. */
function lineOf(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function checkImports(root) {
  const violations = [];
  for (const [layer, rule] of Object.entries(LAYERS)) {
    const layerDir = join(root, layer);
    let exists = false;
    try { exists = statSync(layerDir).isDirectory(); } catch { /* folder not there yet */ }
    if (!exists) continue;
    for (const file of sourceFiles(layerDir)) {
      const rel = relative(root, file).split(sep).join('/');
      const text = readFileSync(file, 'utf8');
      for (const pattern of IMPORT_PATTERNS) {
        for (const match of text.matchAll(pattern)) {
          const specifier = match[1];
          const problem = judge(root, file, rel, layer, rule, specifier);
          if (problem) violations.push({ file: rel, line: lineOf(text, match.index), specifier, problem });
        }
      }
    }
  }
  return violations;
}

function judge(root, file, rel, layer, rule, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = relative(root, resolve(dirname(file), specifier)).split(sep).join('/');
    const folder = target.split('/')[0];
    if (target.startsWith('..')) return `${layer}/ may not import from outside the repository`;
    if (!rule.folders.includes(folder)) return `${layer}/ may import only from ${rule.folders.map((f) => f + '/').join(' and ')}, not ${folder}/`;
    return null;
  }
  if (NODE_BUILTINS.has(specifier) || specifier.startsWith('node:')) {
    return rule.node ? null : `${layer}/ runs where Node is absent: no Node built-ins ('${specifier}')`;
  }
  const pkg = packageName(specifier);
  if (pkg === 'electron' && layer === 'main' && !ELECTRON_ONLY_UNDER.some((p) => rel.startsWith(p))) {
    return `electron may be imported only under ${ELECTRON_ONLY_UNDER.join(', ')} so the core runs under plain Node`;
  }
  if (pkg === 'sip.js' && !SIPJS_ONLY_UNDER.some((p) => rel.startsWith(p))) {
    return `sip.js may be imported only under ${SIPJS_ONLY_UNDER.join(', ')}: signalling stays in the desktop core`;
  }
  if (rule.packages === '*') {
    return rule.forbiddenPackages?.includes(pkg) ? `${layer}/ may not import '${pkg}'` : null;
  }
  return rule.packages.includes(pkg) ? null : `${layer}/ may not import '${pkg}' (allowed: ${rule.packages.join(', ')})`;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkImports(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: import '${v.specifier}': ${v.problem}`);
  if (violations.length > 0) {
    console.error(`check-imports: ${violations.length} forbidden import(s)`);
    process.exit(1);
  }
  console.log('check-imports: layering OK');
}
