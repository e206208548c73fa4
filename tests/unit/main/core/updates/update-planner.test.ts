/** The update decisions, driven by a fake clock: when to check, what to take, when to install. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentActivityTracker } from '../../../../../main/core/updates/agent-activity';
import { loadRolloutMachineId } from '../../../../../main/core/updates/machine-id';
import { inRollout, rolloutPlace } from '../../../../../main/core/updates/rollout';
import { UPDATE_TIMING, UpdatePlanner, type OfferedUpdate } from '../../../../../main/core/updates/update-planner';
import { compareVersions } from '../../../../../main/core/updates/version';
import { workItem } from '../../../renderer/fixtures';

class FakeClock {
  constructor(public time = 1_000_000) {}
  now = () => this.time;
  advance(ms: number) {
    this.time += ms;
  }
}

const MINUTE = 60_000;
const free = { busy: false, idleMs: 0 };
const offered = (version: string, sha512: string | undefined = 'c2hhNTEy'): OfferedUpdate => ({ version, files: [{ url: `Switchboard-${version}.exe`, sha512 }] });

function planner(settings: Partial<ConstructorParameters<typeof UpdatePlanner>[0]> = {}) {
  const clock = new FakeClock();
  return { clock, planner: new UpdatePlanner({ currentVersion: '1.4.0', machineId: 'machine-a', ...settings }, clock) };
}

describe('when to check', () => {
  it('first a minute after start, then every four hours', () => {
    const { clock, planner: p } = planner();
    expect(p.tick(free)).toEqual({ do: 'wait' });
    clock.advance(UPDATE_TIMING.firstCheckAfterMs - 1);
    expect(p.tick(free)).toEqual({ do: 'wait' });
    clock.advance(1);
    expect(p.tick(free)).toEqual({ do: 'check' });
    // while a check runs, no second one
    clock.advance(10 * MINUTE);
    expect(p.tick(free)).toEqual({ do: 'wait' });
    p.checkSucceeded();
    clock.advance(UPDATE_TIMING.checkEveryMs - 1);
    expect(p.tick(free)).toEqual({ do: 'wait' });
    clock.advance(1);
    expect(p.tick(free)).toEqual({ do: 'check' });
  });

  it('after failures retries at 15, 30, 60 … minutes, never beyond the regular interval, and resets on success', () => {
    const { clock, planner: p } = planner();
    clock.advance(UPDATE_TIMING.firstCheckAfterMs);
    expect(p.tick(free)).toEqual({ do: 'check' });
    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      p.checkFailed();
      let waited = 0;
      while (p.tick(free).do === 'wait') {
        clock.advance(MINUTE);
        waited += MINUTE;
      }
      waits.push(waited / MINUTE);
    }
    expect(waits).toEqual([15, 30, 60, 120, 240, 240]);
    p.checkSucceeded();
    p.checkFailed();
    clock.advance(15 * MINUTE);
    expect(p.tick(free)).toEqual({ do: 'check' });
  });
});

describe('what to take', () => {
  it('only a newer version: never a downgrade or the same one, whatever the feed says', () => {
    const { planner: p } = planner();
    expect(p.consider(offered('1.5.0'))).toEqual({ take: true });
    expect(p.consider(offered('1.4.0'))).toEqual({ take: false, reason: '1.4.0 is not newer than 1.4.0 (no downgrades)' });
    expect(p.consider(offered('1.3.9'))).toMatchObject({ take: false, reason: expect.stringContaining('no downgrades') });
    expect(p.consider(offered('1.4.0-beta.2'))).toMatchObject({ take: false });
    expect(p.consider(offered('latest'))).toEqual({ take: false, reason: '"latest" is not a version number' });
  });

  it('only a download that can be verified (a SHA-512 for every file)', () => {
    const { planner: p } = planner();
    expect(p.consider({ version: '1.5.0', files: [{ url: 'a.exe', sha512: 'c2hh' }, { url: 'b.blockmap' }] })).toMatchObject({ take: false, reason: expect.stringContaining('SHA-512') });
    expect(p.consider({ version: '1.5.0', files: [] })).toMatchObject({ take: false });
  });

  it('only inside the policy rollout percentage, by a place that never changes', () => {
    const machines = Array.from({ length: 400 }, (_, index) => `machine-${index}`);
    const inAt = (percentage: number) => machines.filter((id) => inRollout(id, percentage));
    expect(inAt(0)).toEqual([]);
    expect(inAt(100)).toEqual(machines);
    // raising the percentage adds machines and keeps the earlier ones
    const ten = inAt(10);
    const fifty = inAt(50);
    expect(ten.every((id) => fifty.includes(id))).toBe(true);
    expect(ten.length).toBeGreaterThan(15);
    expect(ten.length).toBeLessThan(70);
    const id = machines.find((machine) => rolloutPlace(machine) >= 30) ?? '';
    expect(planner({ machineId: id, rolloutPercentage: 30 }).planner.consider(offered('1.5.0'))).toEqual({ take: false, reason: 'this machine is outside the 30% rollout' });
    expect(planner({ machineId: id }).planner.consider(offered('1.5.0'))).toEqual({ take: true });
  });
});

describe('when to install', () => {
  it('never during a call or an offer; after ten idle minutes when free; the agent is told once', () => {
    const { clock, planner: p } = planner();
    expect(p.downloaded('1.5.0').tell).toBe('Switchboard 1.5.0 is ready. It installs when you quit Switchboard, or when you are idle with no call or offer.');
    expect(p.tick({ busy: true, idleMs: 60 * MINUTE })).toEqual({ do: 'wait' });
    expect(p.tick({ busy: false, idleMs: UPDATE_TIMING.idleBeforeInstallMs - 1 })).toEqual({ do: 'wait' });
    // no further checks while an update waits to be installed
    clock.advance(UPDATE_TIMING.checkEveryMs * 2);
    expect(p.tick({ busy: false, idleMs: 0 })).toEqual({ do: 'wait' });
    expect(p.tick({ busy: false, idleMs: UPDATE_TIMING.idleBeforeInstallMs })).toEqual({ do: 'install', version: '1.5.0' });
    expect(p.downloaded('1.5.1').tell).toBe('');
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.2.3', '1.2.3', 0],
    ['1.2.10', '1.2.9', 1],
    ['2.0.0', '10.0.0', -1],
    ['1.2.3-beta.1', '1.2.3', -1],
    ['1.2.3-beta.2', '1.2.3-beta.10', -1],
    ['1.2.3-alpha.1', '1.2.3-beta.1', -1],
    ['1.2.3-beta', '1.2.3-beta.1', -1],
    ['v1.2.3+build.5', '1.2.3', 0],
    ['1.2', '1.2.0', null],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

describe('AgentActivityTracker', () => {
  it('is busy while an offer rings (until it expires, is rescinded or answered) and while a call is live', () => {
    const clock = new FakeClock();
    const activity = new AgentActivityTracker(clock);
    expect(activity.isBusy()).toBe(false);
    const item = workItem({ workitemId: 'wi_1', state: 'offered' });
    activity.onEvent('offerReceived', { item, expiresAt: clock.now() + 30_000 });
    expect(activity.isBusy()).toBe(true);
    clock.advance(30_000);
    expect(activity.isBusy()).toBe(false);
    activity.onEvent('offerReceived', { item, expiresAt: clock.now() + 30_000 });
    activity.onEvent('itemsChanged', { items: [{ ...item, state: 'accepted' }], removed: [] });
    expect(activity.isBusy()).toBe(false);
    activity.onEvent('offerReceived', { item, expiresAt: clock.now() + 30_000 });
    activity.onEvent('offerRescinded', { workitemId: 'wi_1', reason: 'RONA' });
    expect(activity.isBusy()).toBe(false);
    activity.onEvent('callsChanged', { calls: [{ id: 'c1', state: 'active' }] });
    expect(activity.isBusy()).toBe(true);
    activity.onEvent('callsChanged', { calls: [{ id: 'c1', state: 'ended' }] });
    expect(activity.isBusy()).toBe(false);
  });
});

describe('loadRolloutMachineId', () => {
  it('creates the id once and keeps it; a damaged file gets a new one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-rollout-id-'));
    try {
      const first = await loadRolloutMachineId(dir);
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(await loadRolloutMachineId(dir)).toBe(first);
      await writeFile(path.join(dir, 'update-rollout-id'), 'garbage');
      const replaced = await loadRolloutMachineId(dir);
      expect(replaced).not.toBe(first);
      expect((await readFile(path.join(dir, 'update-rollout-id'), 'utf8')).trim()).toBe(replaced);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
