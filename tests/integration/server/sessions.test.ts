/**
 * Sessions that really end (issue 11): POST /v1/auth/logout revokes the token, closes the event streams
 * it opened and takes the agent offline (no more offers); a token that expires closes its open streams
 * too, instead of streaming on forever; a user holds at most `limits.tokensPerUser` live tokens, and a
 * login past that ends the oldest session (its streams too), not the others.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, EventStream, ok, startScene, type Scene } from './helpers';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

function closeCode(stream: EventStream): Promise<number> {
  return new Promise((resolve) => stream.socket.once('close', (code: number) => resolve(code)));
}

describe('sessions', () => {
  it('logout revokes the token, closes its event streams and takes the agent offline', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const otherSession = await scene.login('alice');
    const closed = closeCode(alice.events);
    const res = await alice.api.post('/v1/auth/logout', {});
    expect(res.status).toBe(204);
    expect(await closed).toBe(4001);
    expect((await alice.api.get('/v1/queues')).status).toBe(401);
    // another session of hers stays valid, and shows her offline: nothing more is offered
    expect(ok(await otherSession.get('/v1/agents/me')).presence.state).toBe('offline');
    expect((await alice.api.post('/v1/auth/logout', {})).status).toBe(401);
  });

  it('an open event stream ends when its token expires', async () => {
    scene = await startScene({ patch: (raw) => (raw.tokenTtlSeconds = 1) });
    const carol = await ApiClient.login(scene.platform.url, 'carol');
    const stream = await EventStream.of(carol);
    expect(await closeCode(stream)).toBe(4001);
    expect((await carol.get('/v1/queues')).status).toBe(401);
  });

  it('a login past limits.tokensPerUser ends the user’s oldest session and only that one', async () => {
    scene = await startScene({ patch: (raw) => (raw.limits = { tokensPerUser: 3 }) });
    const oldest = await ApiClient.login(scene.platform.url, 'carol');
    const oldestStream = await EventStream.of(oldest);
    const closed = closeCode(oldestStream);
    const second = await ApiClient.login(scene.platform.url, 'carol');
    const secondStream = await EventStream.of(second);
    let secondClosed = false;
    secondStream.socket.once('close', () => (secondClosed = true));
    await ApiClient.login(scene.platform.url, 'carol');
    const bob = await ApiClient.login(scene.platform.url, 'bob');
    expect(ok(await oldest.get('/v1/agents/me')).username).toBe('carol');
    await ApiClient.login(scene.platform.url, 'carol'); // the fourth
    expect(await closed).toBe(4001);
    expect((await oldest.get('/v1/agents/me')).status).toBe(401);
    expect(ok(await second.get('/v1/agents/me')).username).toBe('carol');
    expect(ok(await bob.get('/v1/agents/me')).username).toBe('bob');
    // the second session's stream still delivers: its own presence change comes through
    const mark = secondStream.mark();
    ok(await second.setPresence('available'));
    await secondStream.waitFor((e) => e.type === 'agent.presence', 3_000, mark);
    expect(secondClosed).toBe(false);
    await secondStream.close();
  });
});
