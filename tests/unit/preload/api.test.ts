import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, OPERATION_NAMES, subscriptionName } from '../../../common/desktop-api';
import { buildSwitchboardApi, type IpcRendererPort } from '../../../preload/api';

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const port = {
    invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcRendererPort;
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the ipcRenderer itself' }, payload);
  };
  return { port, emit, listeners };
}

describe('preload api', () => {
  it('has exactly one function per operation and one on<Event> per event', () => {
    const api = buildSwitchboardApi(fakeIpcRenderer().port) as unknown as Record<string, unknown>;
    const expected = [...OPERATION_NAMES, ...EVENT_NAMES.map(subscriptionName)].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const key of expected) expect(typeof api[key]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes switchboard:<operation> with the request and returns the result', async () => {
    const { port } = fakeIpcRenderer();
    const api = buildSwitchboardApi(port);
    const result = await api.accept({ workitemId: 'wi_1' });
    expect(port.invoke).toHaveBeenCalledWith('switchboard:accept', { workitemId: 'wi_1' });
    expect(result).toEqual({ ok: true, value: { channel: 'switchboard:accept', request: { workitemId: 'wi_1' } } });
  });

  it('turns a rejected invoke into an INTERNAL error result instead of throwing into the page', async () => {
    const { port } = fakeIpcRenderer();
    port.invoke.mockRejectedValueOnce(new Error("No handler registered for 'switchboard:hold'"));
    const result = await buildSwitchboardApi(port).hold({ workitemId: 'wi_1', hold: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(!result.ok && result.error.message).toContain('No handler registered');
  });

  it('hands listeners the payload only (never the IPC event with its sender) and unsubscribes', () => {
    const { port, emit, listeners } = fakeIpcRenderer();
    const api = buildSwitchboardApi(port);
    const received: unknown[][] = [];
    const unsubscribe = api.onDialRequested((...args: unknown[]) => received.push(args));
    emit('switchboard:event:dialRequested', { number: '+15550100' });
    expect(received).toEqual([[{ number: '+15550100' }]]);

    unsubscribe();
    unsubscribe();
    emit('switchboard:event:dialRequested', { number: '+15550101' });
    expect(received).toHaveLength(1);
    expect(listeners.get('switchboard:event:dialRequested')?.size).toBe(0);
    expect(port.removeListener).toHaveBeenCalledTimes(1);
  });

  it('refuses a subscription without a listener function', () => {
    const api = buildSwitchboardApi(fakeIpcRenderer().port);
    expect(() => api.onItemsChanged(undefined as never)).toThrow(/listener function/);
  });
});
