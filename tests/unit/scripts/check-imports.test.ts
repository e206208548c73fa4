import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkImports } from '../../../scripts/check-imports.mjs';

type Violation = { file: string; line: number; specifier: string; problem: string };

let root: string;
function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'sb-imports-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('check-imports', () => {
  it('accepts every allowed import', () => {
    const violations: Violation[] = checkImports(
      tree({
        'common/a.ts': "import { z } from 'zod';\nimport { b } from './b';\n",
        'common/b.ts': 'export const b = 1;\n',
        'renderer/src/x.tsx': "import React from 'react';\nimport { b } from '../../common/b';\n",
        'server/s.ts': "import { readFileSync } from 'node:fs';\nimport Fastify from 'fastify';\nimport { b } from '../common/b';\n",
        'main/core/c.ts': "import Database from 'better-sqlite3';\nimport { b } from '../../common/b';\n",
        'main/core/softphone/ua.ts': "import { UserAgent } from 'sip.js';\n",
        'main/electron/e.ts': "import { app } from 'electron';\n",
        'preload/p.ts': "import { contextBridge } from 'electron';\nimport { b } from '../common/b';\n",
      }),
    );
    expect(violations).toEqual([]);
  });

  it('fires on each forbidden import, naming file, line and rule', () => {
    const violations: Violation[] = checkImports(
      tree({
        'common/a.ts': "export const x = 1;\nimport { readFileSync } from 'node:fs';\n",
        'common/b.ts': "import { startPlatform } from '../server/platform';\n",
        'renderer/src/x.ts': "import { ipcRenderer } from 'electron';\nconst p = import('path');\n",
        'server/s.ts': "import { createDesktopCore } from '../main/core/desktop-core';\n",
        'main/core/c.ts': "import { app } from 'electron';\n",
        'preload/p.ts': "import { readFileSync } from 'fs';\n",
        'renderer/src/phone.ts': "import { UserAgent } from 'sip.js';\n",
        'main/electron/sip.ts': "import { Registerer } from 'sip.js';\n",
        'server/sip.ts': "import { Inviter } from 'sip.js';\n",
      }),
    );
    const found = violations.map((v) => `${v.file}:${v.line} ${v.specifier}`).sort();
    expect(found).toEqual(
      [
        'common/a.ts:2 node:fs',
        'common/b.ts:1 ../server/platform',
        'main/core/c.ts:1 electron',
        'main/electron/sip.ts:1 sip.js',
        'preload/p.ts:1 fs',
        'renderer/src/phone.ts:1 sip.js',
        'server/sip.ts:1 sip.js',
        'renderer/src/x.ts:1 electron',
        'renderer/src/x.ts:2 path',
        'server/s.ts:1 ../main/core/desktop-core',
      ].sort(),
    );
    expect(violations.find((v) => v.file === 'common/b.ts')?.problem).toMatch(/common\/ may import only from common\//);
    expect(violations.find((v) => v.file === 'renderer/src/phone.ts')?.problem).toBe('sip.js may be imported only under main/core/: signalling stays in the desktop core');
  });
});
