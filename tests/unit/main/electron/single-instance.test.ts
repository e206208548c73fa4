import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, registerDialProtocols } from '../../../../main/electron/single-instance';

function fakeApp(hasLock: boolean) {
  const listeners = new Map<string, (...args: any[]) => void>();
  return {
    requestSingleInstanceLock: vi.fn(() => hasLock),
    quit: vi.fn(),
    on: vi.fn((event: string, listener: (...args: any[]) => void) => listeners.set(event, listener)),
    emit: (event: string, ...args: unknown[]) => listeners.get(event)?.(...args),
    listeners,
  };
}

describe('claimSingleInstance', () => {
  it('a second instance quits at once (its argv reaches the first through Electron)', () => {
    const app = fakeApp(false);
    const handlers = { onDial: vi.fn(), onActivate: vi.fn() };
    expect(claimSingleInstance(app, handlers)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listeners.size).toBe(0);
  });

  it('the first instance takes a second launch’s tel:/sip: link and comes forward', () => {
    const app = fakeApp(true);
    const handlers = { onDial: vi.fn(), onActivate: vi.fn() };
    expect(claimSingleInstance(app, handlers)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();

    app.emit('second-instance', {}, ['/usr/bin/switchboard', 'tel:+1-555-0100'], '/home/agent');
    expect(handlers.onActivate).toHaveBeenCalledTimes(1);
    expect(handlers.onDial).toHaveBeenCalledWith('+15550100');

    app.emit('second-instance', {}, ['/usr/bin/switchboard'], '/home/agent');
    expect(handlers.onActivate).toHaveBeenCalledTimes(2);
    expect(handlers.onDial).toHaveBeenCalledTimes(1);
  });

  it('takes macOS open-url links', () => {
    const app = fakeApp(true);
    const handlers = { onDial: vi.fn(), onActivate: vi.fn() };
    claimSingleInstance(app, handlers);
    const preventDefault = vi.fn();
    app.emit('open-url', { preventDefault }, 'sip:alice@pbx.example.com');
    expect(preventDefault).toHaveBeenCalled();
    expect(handlers.onDial).toHaveBeenCalledWith('alice@pbx.example.com');
  });

  it('registers tel: and sip: as protocol clients', () => {
    const registered: string[] = [];
    expect(registerDialProtocols({ setAsDefaultProtocolClient: (scheme) => (registered.push(scheme), true) })).toEqual(['tel', 'sip']);
    expect(registered).toEqual(['tel', 'sip']);
  });
});
