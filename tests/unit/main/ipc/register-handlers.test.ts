import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../../../common/desktop-api';
import { SwitchboardError } from '../../../../common/errors';
import { registerIpcHandlers } from '../../../../main/ipc/register-handlers';
import { createTrustedSenderCheck } from '../../../../main/ipc/trusted-sender';
import { createFakeCore } from './fake-core';
import { APP_MAIN_FRAME, createFakeIpcMain } from './fake-ipc-main';

function setup() {
  const core = createFakeCore();
  const fake = createFakeIpcMain();
  const dispose = registerIpcHandlers(fake.ipcMain, core, { isTrustedSender: createTrustedSenderCheck('app://switchboard') });
  return { core, fake, dispose };
}

describe('registerIpcHandlers', () => {
  it('registers exactly one channel per operation and removes them all on dispose', () => {
    const { fake, dispose } = setup();
    expect(fake.channels().sort()).toEqual(OPERATION_NAMES.map((name) => `switchboard:${name}`).sort());
    dispose();
    expect(fake.channels()).toEqual([]);
  });

  it('passes a valid request from the app main frame to the core, with schema defaults applied', async () => {
    const { core, fake } = setup();
    const result = await fake.invoke('switchboard:listInbox', APP_MAIN_FRAME, { q: 'state:offered' });
    expect(result).toMatchObject({ ok: true });
    expect(core.calls).toEqual([{ name: 'listInbox', request: { q: 'state:offered', rows: 50, start: 0 } }]);
  });

  it.each([
    ['an iframe of the app', { url: 'app://switchboard/frame.html', parent: { url: 'app://switchboard/index.html' } }],
    ['a remote page', { url: 'https://evil.example.com/', parent: null }],
    ['a file: page', { url: 'file:///tmp/index.html', parent: null }],
    ['a look-alike host', { url: 'app://switchboard.evil/index.html', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['no frame (navigated or destroyed)', null],
  ])('refuses %s with FORBIDDEN and never reaches the core', async (_label, frame) => {
    const { core, fake } = setup();
    const result = await fake.invoke('switchboard:accept', frame, { workitemId: 'wi_1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
  });

  it('answers a malformed payload with VALIDATION_FAILED naming the field', async () => {
    const { core, fake } = setup();
    const result = (await fake.invoke('switchboard:hold', APP_MAIN_FRAME, { workitemId: 'wi_1', hold: 'yes' })) as {
      ok: false;
      error: { code: string; message: string; fields: { path: string }[] };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.fields.map((field) => field.path)).toContain('hold');
    expect(core.calls).toEqual([]);
    for (const bad of [null, 'text', 42, [], { workitemId: 'wi_1', extra: true }]) {
      expect(await fake.invoke('switchboard:accept', APP_MAIN_FRAME, bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('never throws across: a core that throws becomes an error result with its code', async () => {
    const { core, fake } = setup();
    core.handle('decline', () => {
      throw new SwitchboardError('ILLEGAL_TRANSITION', 'The offer has already expired');
    });
    core.handle('hangup', async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    await expect(fake.invoke('switchboard:decline', APP_MAIN_FRAME, { workitemId: 'wi_1' })).resolves.toEqual({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', message: 'The offer has already expired' },
    });
    await expect(fake.invoke('switchboard:hangup', APP_MAIN_FRAME, { workitemId: 'wi_1' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('cannot read properties') },
    });
  });

  it('treats a sender check that throws as untrusted', async () => {
    const core = createFakeCore();
    const fake = createFakeIpcMain();
    registerIpcHandlers(fake.ipcMain, core, {
      isTrustedSender: () => {
        throw new Error('frame disposed');
      },
    });
    await expect(fake.invoke('switchboard:getSession', APP_MAIN_FRAME, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
