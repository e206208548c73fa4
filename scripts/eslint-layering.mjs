// The import layering as an ESLint rule (after VS Code's `code-layering`), in a local plugin used by
// eslint.config.js as `local/layering`. Each top-level folder runs in one environment and may import only
// what exists there; tsconfig `lib`/`types` catch globals of another environment, this catches imports,
// which a tsconfig alone cannot forbid. It sees every form a module can be pulled in by: `import`,
// `export … from`, `import x = require()`, `require()`, `import()` and `import('x').T` in types.
// Tested in tests/unit/scripts/eslint-layering.test.ts; the rules are written out in docs/architecture.md.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Packages that need a DOM (or React's renderer) and so belong in renderer/ only. */
const DOM_PACKAGES = ['react', 'react-dom', 'react-redux', '@tanstack/react-virtual'];

/** Electron modules a sandboxed preload can use; the rest of `electron` is the main process's. */
const PRELOAD_ELECTRON_APIS = new Set(['contextBridge', 'ipcRenderer', 'webFrame', 'webUtils']);

/**
 * Per folder: which top-level folders it may import from, whether Node built-ins are allowed, and its
 * packages: a list (only these), or `{ except: [...] }` (any other). `only` confines a package to a
 * sub-folder: outside it the import is refused.
 */
export const LAYERS = {
  common: { folders: ['common'], node: false, packages: ['zod', 'libphonenumber-js'] },
  renderer: {
    folders: ['renderer', 'common'],
    node: false,
    // Browser packages only. sip.js is not here: SIP signalling lives in the main process (main/core/);
    // the renderer holds media only.
    packages: ['react', 'react-dom', 'react-redux', '@reduxjs/toolkit', '@tanstack/react-virtual', 'date-fns', 'zod', 'libphonenumber-js'],
  },
  preload: { folders: ['preload', 'common'], node: false, packages: ['electron', 'zod'] },
  main: {
    folders: ['main', 'common'],
    node: true,
    packages: { except: DOM_PACKAGES },
    // Electron's main-process APIs only in the shell, so the rest of main/ runs under plain Node (browser
    // mode, tests); the SIP user agent only in the core, behind its typed API.
    only: { electron: 'main/electron/', 'sip.js': 'main/core/' },
  },
  server: { folders: ['server', 'common'], node: true, packages: { except: ['electron', ...DOM_PACKAGES] } },
};

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The reason an import is refused, or null when it is allowed. */
export function judgeImport({ root, file, specifier, importedNames }) {
  const rel = relative(root, file).split(sep).join('/');
  const layer = rel.split('/')[0];
  const rule = LAYERS[layer];
  if (!rule) return null;
  // Build-tool configs (vite.config.ts) run in Node at build time, not in the folder's environment.
  if (/\.config\.[cm]?[jt]sx?$/.test(rel)) return null;

  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = relative(root, resolve(dirname(file), specifier)).split(sep).join('/');
    if (target.startsWith('..')) return `${layer}/ may not import from outside the repository`;
    const folder = target.split('/')[0];
    if (!rule.folders.includes(folder)) return `${layer}/ may import only from ${rule.folders.map((f) => `${f}/`).join(' and ')}, not ${folder}/`;
    return null;
  }
  if (NODE_BUILTINS.has(specifier) || specifier.startsWith('node:')) {
    return rule.node ? null : `${layer}/ runs where Node is absent: no Node built-ins ('${specifier}')`;
  }
  const pkg = packageName(specifier);
  const confinedTo = rule.only?.[pkg];
  if (confinedTo && !rel.startsWith(confinedTo)) return `'${pkg}' may be imported only under ${confinedTo}`;
  if (Array.isArray(rule.packages)) {
    if (!rule.packages.includes(pkg)) return `${layer}/ may not import '${pkg}' (allowed: ${rule.packages.join(', ')})`;
  } else if (rule.packages.except.includes(pkg)) {
    return `${layer}/ may not import '${pkg}'`;
  }
  if (layer === 'preload' && pkg === 'electron') {
    const mainOnly = (importedNames ?? ['*']).filter((name) => !PRELOAD_ELECTRON_APIS.has(name));
    if (mainOnly.length > 0) return `preload/ may use only Electron's renderer APIs (${[...PRELOAD_ELECTRON_APIS].join(', ')}), not ${mainOnly.join(', ')}`;
  }
  return null;
}

/** The string a module specifier node holds, or null when it is computed. */
function literal(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Each top-level folder imports only what exists in the environment it runs in (docs/architecture.md)' },
    schema: [],
    messages: {
      forbidden: "import '{{specifier}}': {{reason}}",
      computed: '{{form}} with a computed module name cannot be checked against the layering: use a string literal',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.physicalFilename;
    const rel = relative(root, file).split(sep).join('/');
    if (!LAYERS[rel.split('/')[0]]) return {};

    function check(node, specifier, importedNames) {
      const reason = judgeImport({ root, file, specifier, importedNames });
      if (reason) context.report({ node, messageId: 'forbidden', data: { specifier, reason } });
    }
    function checkSource(node, source, form, importedNames) {
      const specifier = literal(source);
      if (specifier === null) context.report({ node, messageId: 'computed', data: { form } });
      else check(node, specifier, importedNames);
    }
    /** Named imports, or null (any) for a default or namespace import, to judge preload's Electron APIs. */
    function namesOf(specifiers) {
      if (specifiers.length === 0) return [];
      if (specifiers.some((s) => s.type !== 'ImportSpecifier')) return null;
      return specifiers.map((s) => (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value));
    }

    return {
      // Type-only names run nowhere, so they do not count against preload's Electron APIs.
      ImportDeclaration: (node) => check(node, node.source.value, node.importKind === 'type' ? [] : namesOf(node.specifiers.filter((s) => s.importKind !== 'type'))),
      ExportNamedDeclaration: (node) => { if (node.source) check(node, node.source.value); },
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => checkSource(node, node.source, 'import()'),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') checkSource(node, node.moduleReference.expression, 'import = require()');
      },
      TSImportType: (node) => {
        // typescript-eslint 8 calls the module `source` (a string Literal); older versions `argument`.
        const argument = 'source' in node ? node.source : node.argument;
        const source = argument?.type === 'TSLiteralType' ? argument.literal : argument;
        checkSource(node, source, "import('…') type");
      },
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length > 0) {
          checkSource(node, node.arguments[0], 'require()');
        }
      },
    };
  },
};

export default { meta: { name: 'switchboard-local' }, rules: { layering } };
