/**
 * Renewed SIP credentials replace the login's everywhere the session keeps them: in what getSession
 * answers and in the stored session a restarted core resumes with. (Before, only the stored row changed, so
 * getSession kept showing the login's credentials — expired ones, after their life — until a restart.)
 */
import { describe, expect, it } from 'vitest';
import type { SipCredentials } from '../../../../../common/api';
import type { RemoteCache, RemoteOutboxStore } from '../../../../../main/core/db/protocol';
import type { StoredSession } from '../../../../../main/core/outbox/outbox-store';
import { SessionService } from '../../../../../main/core/services/session-service';
import { NO_POLICY } from '../../../../../main/core/settings';
import { createMemoryTokenStore } from '../../../../../main/core/token-store';

const loginSip: SipCredentials = {
  wsUrl: 'wss://sip.example.org:8443',
  uri: 'sip:alice@sip.example.org',
  authorizationUsername: '1700000000:alice',
  authorizationPassword: 'from-login',
  expiresAt: Date.parse('2026-12-02T10:00:00.000Z'),
};
const renewedSip: SipCredentials = { ...loginSip, authorizationUsername: '1700003600:alice', authorizationPassword: 'renewed', expiresAt: Date.parse('2026-12-02T11:00:00.000Z') };

/** The two database-thread calls the session makes, kept in memory. */
function fakeDatabase(initial: StoredSession) {
  let saved: StoredSession | null = initial;
  const store = {
    getSession: () => Promise.resolve(saved),
    saveSession: (session: StoredSession) => {
      saved = session;
      return Promise.resolve();
    },
  };
  const cache = {
    getSyncState: () => Promise.resolve({ username: `${initial.username} ${initial.platformUrl}` }),
    resetForUser: () => Promise.resolve(),
  };
  return { store: store as unknown as RemoteOutboxStore, cache: cache as unknown as RemoteCache, saved: () => saved };
}

/** What the getSession operation answers the renderer. */
async function answerOf(session: SessionService) {
  const getSession = session.handlers.getSession;
  if (getSession === undefined) throw new Error('the session service answers getSession');
  return getSession({});
}

async function resumedSession() {
  const stored: StoredSession = { platformUrl: 'http://127.0.0.1:1', username: 'alice', agent: { username: 'alice', displayName: 'Alice', scopes: [], queues: ['support'] }, sip: loginSip };
  const database = fakeDatabase(stored);
  const session = new SessionService({ store: database.store, cache: database.cache, tokenStore: createMemoryTokenStore('token-1'), policy: NO_POLICY });
  await session.start();
  return { session, database };
}

describe('renewed SIP credentials', () => {
  it('are what getSession answers and what is stored from then on', async () => {
    const { session, database } = await resumedSession();
    const active = session.require();

    await session.replaceCredentials(active, renewedSip);

    expect(await answerOf(session)).toMatchObject({ sip: renewedSip });
    expect(session.require().stored.sip).toEqual(renewedSip);
    expect(database.saved()?.sip).toEqual(renewedSip);
  });

  it('do not bring back credentials into a session that was signed out meanwhile', async () => {
    const { session, database } = await resumedSession();
    const active = session.require();
    await session.signOutLocally();

    await session.replaceCredentials(active, renewedSip);

    expect(await answerOf(session)).not.toHaveProperty('sip');
    expect(database.saved()).not.toHaveProperty('sip');
  });
});
