import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES } from '../../../common/desktop-api';

const exposed: { key: string; api: unknown }[] = [];
const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() };

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
  ipcRenderer,
}));

afterEach(() => vi.clearAllMocks());

describe('preload entry', () => {
  it('exposes one object, window.switchboard, that does not leak ipcRenderer or a generic send', async () => {
    await import('../../../preload/index');
    expect(exposed.map((entry) => entry.key)).toEqual(['switchboard']);
    const api = exposed[0].api as Record<string, unknown>;
    expect(Object.values(api)).not.toContain(ipcRenderer);
    for (const forbidden of ['send', 'sendSync', 'invoke', 'on', 'ipcRenderer', 'removeListener']) expect(api).not.toHaveProperty(forbidden);
    expect(Object.keys(api)).toEqual(expect.arrayContaining(OPERATION_NAMES));
    await (api.getSession as (request: unknown) => Promise<unknown>)({});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('switchboard:getSession', {});
    expect(ipcRenderer.send).not.toHaveBeenCalled();
  });
});
