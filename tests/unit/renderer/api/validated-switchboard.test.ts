/**
 * The renderer checks what the core sends: a malformed answer becomes a clear INTERNAL error and a
 * malformed event is dropped, both reported, and neither reaches the Redux store.
 */
import { describe, expect, it } from 'vitest';
import type { ApiResult, OperationResponse } from '../../../../common/desktop-api';
import { validatedSwitchboard, type ContractViolation } from '../../../../renderer/src/api/validated-switchboard';
import { connectApi } from '../../../../renderer/src/app/connectApi';
import { makeStore } from '../../../../renderer/src/app/store';
import { selectOffers } from '../../../../renderer/src/features/offers/offerSelectors';
import { selectAgent } from '../../../../renderer/src/features/session/sessionSlice';
import { fakeSwitchboard, ok, settle, workItem } from '../fixtures';

const agent = { username: 'alice', displayName: 'Alice Agent', scopes: ['workitems:read' as const], queues: ['support'] };

/** The fake is typed to the contract; these tests deliberately answer outside it. */
function malformed<T>(value: unknown): ApiResult<T> {
  return { ok: true, value: value as T };
}

function setup() {
  const fake = fakeSwitchboard();
  const violations: ContractViolation[] = [];
  const api = validatedSwitchboard(fake, (violation) => violations.push(violation));
  return { fake, api, violations };
}

describe('validatedSwitchboard', () => {
  it('passes a well-formed answer through', async () => {
    const { fake, api, violations } = setup();
    fake.handle('getSession', () => ok({ agent, platformUrl: 'http://p', tokenInMemoryOnly: false }));
    expect(await api.getSession({})).toEqual({ ok: true, value: { agent, platformUrl: 'http://p', tokenInMemoryOnly: false } });
    expect(violations).toEqual([]);
  });

  it('turns a malformed answer into an INTERNAL error naming the operation and the field', async () => {
    const { fake, api, violations } = setup();
    fake.handle('getSession', () => malformed<OperationResponse<'getSession'>>({ agent: { username: 42 }, platformUrl: null, tokenInMemoryOnly: false }));
    const result = await api.getSession({});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('getSession') } });
    expect(!result.ok && result.error.fields?.map((f) => f.path)).toContain('agent.username');
    expect(violations).toMatchObject([{ kind: 'answer', name: 'getSession' }]);
  });

  it('turns an answer that is not a result at all into an INTERNAL error', async () => {
    const { fake, api } = setup();
    fake.handle('listQueues', () => 'surprise' as unknown as ApiResult<OperationResponse<'listQueues'>>);
    expect(await api.listQueues({})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('not a result') } });
  });

  it('passes the core’s own refusals through unchanged, without reporting them', async () => {
    const { fake, api, violations } = setup();
    fake.handle('accept', () => ({ ok: false, error: { code: 'OFFLINE', message: 'Not connected' } }));
    expect(await api.accept({ workitemId: 'wi_1' })).toEqual({ ok: false, error: { code: 'OFFLINE', message: 'Not connected' } });
    expect(violations).toEqual([]);
  });

  it('drops a malformed event before it reaches the store, and still delivers well-formed ones', async () => {
    const { fake, api, violations } = setup();
    fake.handle('getSession', () => ok({ agent, platformUrl: 'http://p', tokenInMemoryOnly: false }));
    fake.handle('getConnection', () => ok({ state: 'online', since: 1, retryAt: null, lastSeq: 1, pendingActions: 0, platformUrl: 'http://p' }));
    const store = makeStore(api);
    connectApi(store, api);
    await settle();
    expect(selectAgent(store.getState())?.username).toBe('alice');

    const item = workItem({ state: 'offered' });
    fake.emit('offerReceived', { item: { ...item, state: 'no-such-state' } as unknown as typeof item, expiresAt: Date.now() + 30_000 });
    expect(selectOffers(store.getState())).toEqual([]);
    expect(violations).toMatchObject([{ kind: 'event', name: 'offerReceived', message: expect.stringContaining('item.state') }]);

    fake.emit('offerReceived', { item, expiresAt: Date.now() + 30_000 });
    expect(selectOffers(store.getState()).map((o) => o.workitemId)).toEqual([item.workitemId]);
  });
});
