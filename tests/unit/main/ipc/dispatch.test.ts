import { describe, expect, it } from 'vitest';
import { dispatchOperation, isOperationName } from '../../../../main/ipc/dispatch';
import { createFakeCore } from './fake-core';

describe('dispatchOperation', () => {
  it('refuses names that are not operations, including inherited object keys', async () => {
    const core = createFakeCore();
    for (const name of ['nope', '__proto__', 'toString', 'constructor', 42, null]) {
      expect(isOperationName(name)).toBe(false);
      await expect(dispatchOperation(core, name, {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(core.calls).toEqual([]);
  });

  it('treats a missing request as {} for operations without fields', async () => {
    const core = createFakeCore();
    await expect(dispatchOperation(core, 'getSession', undefined)).resolves.toMatchObject({ ok: true });
    expect(core.calls).toEqual([{ name: 'getSession', request: {} }]);
  });

  it('reports a core that answers with something other than an ApiResult', async () => {
    const core = createFakeCore();
    core.handle('getPresence', () => undefined as never);
    await expect(dispatchOperation(core, 'getPresence', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('passes the core’s own error results through unchanged', async () => {
    const core = createFakeCore();
    const refusal = { ok: false as const, error: { code: 'OFFLINE', message: 'Not connected' } };
    core.handle('accept', () => refusal);
    await expect(dispatchOperation(core, 'accept', { workitemId: 'wi_1' })).resolves.toEqual(refusal);
  });
});
