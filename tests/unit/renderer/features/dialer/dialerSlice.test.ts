import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../../renderer/src/app/switchboardApi';
import { outboundCallRequest } from '../../../../../renderer/src/features/dialer/dialNumber';
import { dialRequested, dialerClosed, dialerOpened } from '../../../../../renderer/src/features/dialer/dialerEvents';
import { selectDialer } from '../../../../../renderer/src/features/dialer/dialerSlice';
import { fakeSwitchboard, ok, workItem } from '../../fixtures';

function setup() {
  const api = fakeSwitchboard();
  return { api, store: makeStore(api) };
}

describe('dialer slice', () => {
  it('starts closed', () => {
    expect(selectDialer(setup().store.getState())).toEqual({ open: false, number: '', request: 0 });
  });

  it('opens with the number of a tel: link, and afresh for each link', () => {
    const { store } = setup();
    store.dispatch(dialRequested({ number: ' +14155550123 ' }));
    expect(selectDialer(store.getState())).toEqual({ open: true, number: '+14155550123', request: 1 });
    store.dispatch(dialRequested({ number: '+442071838750' }));
    expect(selectDialer(store.getState())).toEqual({ open: true, number: '+442071838750', request: 2 });
  });

  it('opens empty from the Dial button and closes on Close', () => {
    const { store } = setup();
    store.dispatch(dialRequested({ number: '+14155550123' }));
    store.dispatch(dialerOpened());
    expect(selectDialer(store.getState())).toMatchObject({ open: true, number: '' });
    store.dispatch(dialerClosed());
    expect(selectDialer(store.getState())).toMatchObject({ open: false, number: '' });
  });

  it('closes once the call it placed exists, but not for a task made elsewhere', async () => {
    const { api, store } = setup();
    api.handle('createTask', (request) => ok(workItem({ type: request.type, state: 'active' })));
    store.dispatch(dialerOpened());
    await store.dispatch(switchboardApi.endpoints.createTask.initiate({ type: 'task', subject: 'Follow up' }));
    expect(selectDialer(store.getState()).open).toBe(true);
    await store.dispatch(switchboardApi.endpoints.createTask.initiate(outboundCallRequest('+14155550123', 'alice')));
    expect(selectDialer(store.getState()).open).toBe(false);
  });

  it('stays open when the call is refused, so the agent can correct the number', async () => {
    const { api, store } = setup();
    api.handle('createTask', () => ({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'bad' } }));
    store.dispatch(dialRequested({ number: '+14155550123' }));
    await store.dispatch(switchboardApi.endpoints.createTask.initiate(outboundCallRequest('+14155550123', 'alice')));
    expect(selectDialer(store.getState())).toMatchObject({ open: true, number: '+14155550123' });
  });
});
