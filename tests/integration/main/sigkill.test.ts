/**
 * SIGKILL: the core runs in a child process, takes a burst of actions and is killed with kill -9 while
 * they are being sent. Restarted on the same dataDir it sends whatever was left; the platform shows every
 * action exactly once (the idempotency key makes a resend of an action that did arrive harmless).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformClient } from '../../../main/core/platform/http-client';
import { makeTempDir, queueCall, removeDir, startTestPlatform, supervisor, timeEventCounts, type RunningTestPlatform } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(here, '../../..');
const CHILD = path.join(here, 'fixtures', 'core-child.ts');
const TASKS = 5; // as in fixtures/core-child.ts
/** what the child takes at once after accepting: two notes, hang-up, disposition and the tasks */
const BURST = 4 + TASKS;

function startChild(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) if (line.startsWith(w.prefix)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    line(prefix: string, timeoutMs = 20_000): Promise<string> {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child said no "${prefix}" in ${timeoutMs} ms; stdout: ${lines.join(' | ')}; stderr: ${stderr}`)), timeoutMs);
        waiters.push({ prefix, resolve: (l) => { clearTimeout(timer); resolve(l); } });
      });
    },
  };
}

describe('SIGKILL of the desktop core', () => {
  let platform: RunningTestPlatform;
  let sup: PlatformClient;
  const dataDirs: string[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform();
    sup = await supervisor(platform.url);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await platform?.close();
    for (const dir of dataDirs) removeDir(dir);
    removeDir(platform.dataDir);
  });

  it.each([
    { killAtPending: undefined, what: 'before any request left' },
    { killAtPending: 7, what: 'with a request in flight' },
  ])('loses no action and applies none twice across kill -9 $what, and a restart', async ({ killAtPending }) => {
    const runDir = makeTempDir();
    dataDirs.push(runDir);
    const env = { DATA_DIR: runDir, PLATFORM_URL: platform.url, TASK_PREFIX: `kill${killAtPending ?? 'now'}`, ...(killAtPending === undefined ? {} : { KILL_AT_PENDING: String(killAtPending) }) };
    const first = startChild({ ...env, MODE: 'act' });
    children.push(first.child);
    // Each child starts the core and its database thread from source (tsx): slow on a loaded machine.
    await first.line('ready', 60_000);
    const call = await queueCall(sup, 'Call interrupted by SIGKILL');
    const submitted = await first.line('submitted', 60_000);
    expect(submitted).toBe(`submitted ${call.workitemId}`);
    if (killAtPending === undefined) first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull(); // killed by a signal, not exited

    const second = startChild({ ...env, MODE: 'drain' });
    children.push(second.child);
    const pending = Number((await second.line('pending', 60_000)).split(' ')[1]);
    expect(pending).toBe(killAtPending ?? BURST);
    await second.line('drained', 30_000);
    expect(await second.exited).toBe(0);

    const truth = await sup.getWorkItem(call.workitemId);
    expect(truth).toMatchObject({ state: 'dispositioned', disposition: { code: 'escalated' } });
    expect(timeEventCounts(truth)).toMatchObject({ accepted: 1, hangup: 1, dispositioned: 1, note: 2 });
    for (let i = 0; i < TASKS; i++) {
      const found = await sup.listWorkItems({ q: `subject:"${env.TASK_PREFIX} task ${i}"`, rows: 10 });
      expect(found.total, `${env.TASK_PREFIX} task ${i}`).toBe(1);
    }
    // report how much the restart had to resend, for the log
    console.info(`SIGKILL (${killAtPending ?? 'at once'}): ${pending} of ${BURST} actions were still in the outbox`);
  }, 150_000);
});
