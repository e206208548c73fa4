import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import plugin from '../../../scripts/eslint-layering.mjs';

// RuleTester declares its cases through the test framework's describe/it.
RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const layering = plugin.rules.layering;

// Paths are relative to the working directory, the repository root when the tests run.
const ok = (filename: string, code: string) => ({ filename, code });
const bad = (filename: string, code: string, message: RegExp | string) => ({ filename, code, errors: [{ message }] });

tester.run('layering: what each folder may import', layering, {
  valid: [
    ok('common/a.ts', "import { z } from 'zod';\nimport { b } from './b';\nexport * from './c';"),
    ok('renderer/src/x.tsx', "import React from 'react';\nimport { b } from '../../common/b';"),
    ok('renderer/vite.config.ts', "import { defineConfig } from 'vite';\nimport { join } from 'node:path';"),
    ok('server/s.ts', "import { readFileSync } from 'node:fs';\nimport Fastify from 'fastify';\nimport { b } from '../common/b';"),
    ok('main/core/c.ts', "import Database from 'better-sqlite3';\nimport { UserAgent } from 'sip.js';\nimport { b } from '../../common/b';"),
    ok('main/electron/e.ts', "import { app } from 'electron';\nconst m = await import('./main');"),
    ok('preload/p.ts', "import { contextBridge, ipcRenderer } from 'electron';\nimport type { IpcRendererEvent } from 'electron';\nimport { b } from '../common/b';"),
    // Folders outside the layering (tests, bench, scripts) import what they need.
    ok('tests/unit/t.ts', "import { app } from 'electron';\nimport { readFileSync } from 'node:fs';\nimport { x } from '../../server/s';"),
  ],
  invalid: [
    bad('common/a.ts', "import { readFileSync } from 'node:fs';", /common\/ runs where Node is absent/),
    bad('common/a.ts', "import { app } from 'electron';", /common\/ may not import 'electron'/),
    bad('common/a.ts', "import React from 'react';", /common\/ may not import 'react'/),
    bad('common/a.ts', "import { x } from '../server/s';", /common\/ may import only from common\/, not server\//),
    bad('renderer/src/x.ts', "import { join } from 'path';", /renderer\/ runs where Node is absent/),
    bad('renderer/src/x.ts', "import { ipcRenderer } from 'electron';", /renderer\/ may not import 'electron'/),
    bad('renderer/src/x.ts', "import { UserAgent } from 'sip.js';", /'sip.js' .*renderer|renderer\/ may not import 'sip.js'/),
    bad('renderer/src/x.ts', "import { x } from '../../main/core/c';", /not main\//),
    bad('preload/p.ts', "import { BrowserWindow } from 'electron';", /preload\/ may use only Electron's renderer APIs .* not BrowserWindow/),
    bad('preload/p.ts', "import * as electron from 'electron';", /not \*/),
    bad('preload/p.ts', "import { readFileSync } from 'node:fs';", /preload\/ runs where Node is absent/),
    bad('main/core/c.ts', "import { app } from 'electron';", /'electron' may be imported only under main\/electron\//),
    bad('main/ipc/i.ts', "import { UserAgent } from 'sip.js';", /'sip.js' may be imported only under main\/core\//),
    bad('main/core/c.ts', "import React from 'react';", /main\/ may not import 'react'/),
    bad('main/core/c.ts', "import { x } from '../../renderer/src/x';", /not renderer\//),
    bad('server/s.ts', "import { x } from '../main/core/c';", /server\/ may import only from server\/ and common\/, not main\//),
    bad('server/s.ts', "import { x } from '../renderer/src/x';", /not renderer\//),
    bad('server/s.ts', "import { app } from 'electron';", /server\/ may not import 'electron'/),
    bad('common/a.ts', "import { x } from '../../outside';", /outside the repository/),
  ],
});

tester.run('layering: every form of import is seen', layering, {
  valid: [
    ok('server/s.ts', "const fs = require('node:fs');\nconst m = await import('./other');\nimport path = require('node:path');"),
  ],
  invalid: [
    bad('common/a.ts', "export { x } from '../server/s';", /not server\//),
    bad('common/a.ts', "export * from 'node:fs';", /no Node built-ins/),
    bad('common/a.ts', "import fs = require('node:fs');", /no Node built-ins/),
    bad('common/a.ts', "const fs = require('fs');", /no Node built-ins/),
    bad('renderer/src/x.ts', "const sip = await import('sip.js');", /may not import 'sip.js'/),
    bad('renderer/src/x.ts', 'const sip = await import(`sip.js`);', /may not import 'sip.js'/),
    bad('main/ipc/i.ts', "type App = import('electron').App;", /'electron' may be imported only under main\/electron\//),
    bad('common/a.ts', 'const name = "fs";\nconst m = await import(name);', /computed module name/),
    bad('common/a.ts', 'const m = require(process.argv[2]);', /computed module name/),
  ],
});
