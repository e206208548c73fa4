import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreInspector, inspectorUrlIn, memoryLimitMet, slopeMbPerMinute } from '../../../bench/softphone-core-memory';

const MB = 1024 * 1024;

describe('the softphone bench’s memory slope', () => {
  it('meets the limit for memory that is flat or given back, and not for growth', () => {
    // the run that reported `met: false` for a core returning memory: −39.3 MB/min
    expect(memoryLimitMet(-39.3, 1)).toBe(true);
    expect(memoryLimitMet(0, 1)).toBe(true);
    expect(memoryLimitMet(1.5, 1)).toBe(false);
  });

  it('is the least-squares slope in MB per minute', () => {
    const growing = [0, 1, 2, 3].map((i) => ({ at: i * 15_000, bytes: 100 * MB + i * MB })); // 1 MB every 15 s
    expect(slopeMbPerMinute(growing)).toBeCloseTo(4, 6);
    expect(slopeMbPerMinute(growing.map((s) => ({ ...s, bytes: 200 * MB - s.bytes })))).toBeCloseTo(-4, 6);
    expect(slopeMbPerMinute(growing.slice(0, 1))).toBe(0);
  });
});

describe('CoreInspector', () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterEach(() => child?.kill('SIGKILL'));

  it('finds the address a process printed for --inspect=127.0.0.1:0 collects its garbage and reads its heap through it', async () => {
    child = spawn(process.execPath, ['--inspect=127.0.0.1:0', '-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let printed = '';
    const url = await new Promise<string>((resolve, reject) => {
      child!.stderr!.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const found = inspectorUrlIn(printed);
        if (found !== null) resolve(found);
      });
      child!.once('exit', () => reject(new Error(`exited first: ${printed}`)));
    });
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    const inspector = await CoreInspector.connect(url);
    try {
      await expect(inspector.collectGarbage()).resolves.toBeUndefined();
      expect(await inspector.heapUsed()).toBeGreaterThan(100_000);
    } finally {
      inspector.close();
    }
  });

  it('finds no address in output without one', () => {
    expect(inspectorUrlIn('Switchboard (browser mode): open http://127.0.0.1:1/x/')).toBeNull();
  });
});
