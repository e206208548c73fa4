/**
 * A call whose agent leg failed goes back to its queue and keeps waiting there — ringing, as long as its
 * queue's TTL allows — even when no agent is free for longer than an agent's phone may ring (15 s): the
 * INVITE suspended again (from failure_route, or from the continued route when the agent has no registered
 * phone) does not keep the agent leg's 15 s timer. Written while looking for the "callers got 408" of the
 * loaded benchmark runs; that turned out to be the answer to the customer's BYE (slow-agent-bye.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, EventStream, itemEventually, offeredTo, ok } from '../server/helpers';
import { customerCall } from '../../support/sip/customer';
import { takeCallToTheEnd } from '../../support/sip/signed-in-agent';
import { SipAgent } from '../../support/sip/sip-agent';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
const streams: EventStream[] = [];
const phones: SipAgent[] = [];

beforeAll(async () => {
  stack = await startTelephonyStack({
    media: { portMin: 44000, portMax: 44099 },
    // long enough for a leg that rings out (15 s) and then as long again with nobody free
    patch: (raw) => {
      for (const queue of raw.queues as Array<{ id: string; ttlSeconds: number }>) if (queue.id === 'support') queue.ttlSeconds = 90;
      for (const agent of raw.agents as Array<{ username: string; queues: string[] }>) if (agent.username === 'carol') agent.queues.push('support');
    },
  });
});
afterAll(async () => {
  for (const s of streams) await s.close();
  for (const p of phones) await p.stop();
  await stack?.close();
});

async function agent(username: string, register = true) {
  const login = await new ApiClient(stack.platform.url).post('/v1/auth/login', { username, password: `${username}-pw` });
  const api = new ApiClient(stack.platform.url, login.body.token, username);
  const phone = register ? await SipAgent.connect(login.body.sip) : undefined;
  if (phone) phones.push(phone);
  if (phone) expect(await phone.register()).toBe(200);
  const events = await EventStream.of(api, { since: 0 });
  streams.push(events);
  return { api, events, phone };
}

/** longer than an agent's leg may ring (AGENT_RING_MS, 15 s), well within the queue's TTL */
const NOBODY_FREE_MS = 18_000;

type Agent = Awaited<ReturnType<typeof agent>>;
let alice: Agent;
let bob: Agent;
/** signed in, but her softphone never registered */
let carol: Agent;

beforeAll(async () => {
  alice = await agent('alice');
  bob = await agent('bob');
  carol = await agent('carol', false);
});

/** alice accepts and her leg fails in the given way; nobody is free for a while; then bob gets the call. */
async function legFailsThenCallWaits(failLeg: () => Promise<void>, mediaPort: number, first: Agent = alice) {
  const alice = first;
  ok(await alice.api.setPresence('available'));
  const aliceMark = alice.events.mark();
  const customer = await customerCall('waits-for-bye', { host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, mediaPort, timeoutMs: 80_000 });
  const offer = await offeredTo(alice.events, alice.api.username!, undefined, 10_000, aliceMark);
  ok(await alice.api.act(offer.workitem!.workitemId, 'accept'));
  // the leg fails: the edge suspends the INVITE again, the call goes back to its queue, alice to RONA
  await failLeg();
  const failed = await itemEventually(alice.api, offer.workitem!.workitemId, (i) => i.state === 'closed', 25_000);
  expect(failed.reasonCode).toBe('RONA');

  // Nobody is free for a while: the caller must still be waiting (no final answer yet).
  await new Promise((resolve) => setTimeout(resolve, NOBODY_FREE_MS));
  let ended = false;
  void customer.finished.then(() => (ended = true));
  await new Promise((resolve) => setImmediate(resolve));
  expect(ended, `the caller got a final answer while queued:\n${stack.edgeLog()}`).toBe(false);

  const mark = bob.events.mark();
  ok(await bob.api.setPresence('available'));
  const again = await offeredTo(bob.events, 'bob', undefined, 10_000, mark);
  expect(again.workitem!.createdAt).toBe(offer.workitem!.createdAt);
  await takeCallToTheEnd(bob, again.workitem!.workitemId, customer, () => stack.edgeLog());
}

it('refused by the agent’s softphone (486): the call keeps ringing in its queue while nobody is free for longer than a leg may ring', async () => {
  await legFailsThenCallWaits(async () => {
    await (await alice.phone!.nextInvitation(10_000)).reject({ statusCode: 486 });
  }, 44120);
}, 90_000);

it('accepted by an agent whose softphone is not registered (the leg fails in the continued route): the same', async () => {
  await legFailsThenCallWaits(async () => undefined, 44160, carol);
}, 90_000);
