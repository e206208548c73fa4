import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function gate(...dirs: string[]) {
  const run = spawnSync(process.execPath, ['scripts/electronegativity-gate.mjs', ...dirs], { cwd: root, encoding: 'utf8', timeout: 170_000 });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('electronegativity gate', () => {
  it('fails on the deliberately insecure fixture, naming the findings', { timeout: 180_000 }, () => {
    const { status, output } = gate('tests/fixtures/electronegativity-bad');
    expect(status, output).toBe(1);
    expect(output).toMatch(/FAIL HIGH\/\w+ CONTEXT_ISOLATION_JS_CHECK/);
    expect(output).toMatch(/FAIL MEDIUM\/\w+ SANDBOX_JS_CHECK/);
    expect(output).toMatch(/FAIL MEDIUM\/\w+ CSP_GLOBAL_CHECK/);
    expect(output).toMatch(/FAIL HIGH\/\w+ LIMIT_NAVIGATION_GLOBAL_CHECK/);
  });

  it('passes on the app, with only the reviewed exceptions', { timeout: 180_000 }, () => {
    const { status, output } = gate();
    expect(status, output).toBe(0);
    expect(output).toContain('0 HIGH/MEDIUM');
    // A new `eng-disable` must be a deliberate, reviewed change: it shows up here.
    const reviewed = [...output.matchAll(/^reviewed (\S+) at (\S+):\d+$/gm)].map((match) => `${match[1]} ${match[2]}`).sort();
    expect(reviewed).toEqual([
      'OPEN_EXTERNAL_JS_CHECK main/electron/navigation-guard.ts',
      'PRELOAD_JS_CHECK main/electron/main-window.ts',
      'PROTOCOL_HANDLER_JS_CHECK main/electron/single-instance.ts',
    ]);
  });

  it('reports a scan that could not run instead of passing', () => {
    const { status, output } = gate('no-such-directory');
    expect(status).toBe(2);
    expect(output).toContain('No such directory');
  });

  it('fails a scan that skipped a file it could not parse', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-gate-'));
    try {
      await writeFile(path.join(dir, 'broken.js'), 'const = ;');
      const { status, output } = gate(dir);
      expect(status).toBe(2);
      expect(output).toMatch(/could not parse .*broken\.js/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
