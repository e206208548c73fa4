/**
 * Sessions that really end (issue 11): POST /v1/auth/logout revokes the token, closes the event streams
 * it opened and takes the agent offline (no more offers); a token that expires closes its open streams
 * too, instead of streaming on forever.
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
});
