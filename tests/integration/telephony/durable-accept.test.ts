/**
 * The platform tells the edge to connect an accepted call only once the accept is durable, like every
 * answer and event of the same commit: until the fsync after the accept's commit ends, the agent's phone
 * is not rung and the caller is not connected (a crash before it could still undo the accept). Before
 * this, `connect` left as soon as SQLite returned from the commit, ahead of its fsync.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, EventStream, offeredTo, ok } from '../server/helpers';
import { customerCall } from '../../support/sip/customer';
import { SipAgent } from '../../support/sip/sip-agent';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

/** The platform's fsyncs, held while `holding` (a slow disk), each released by hand. */
class HeldSyncs {
  holding = false;
  private readonly held: Array<() => void> = [];

  readonly sync = (): Promise<void> => (this.holding ? new Promise((resolve) => this.held.push(resolve)) : Promise.resolve());

  get pending(): number {
    return this.held.length;
  }

  releaseAll(): void {
    this.holding = false;
    for (const resolve of this.held.splice(0)) resolve();
  }
}

const syncs = new HeldSyncs();
let stack: TelephonyStack;
let phone: SipAgent | undefined;
let events: EventStream | undefined;

beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 44200, portMax: 44299 }, platformOptions: { syncWal: syncs.sync } });
});
afterAll(async () => {
  await events?.close();
  await phone?.stop();
  await stack?.close();
});

it('an accepted call rings the agent’s phone only after the accept’s commit is durable', async () => {
  const login = await new ApiClient(stack.platform.url).post('/v1/auth/login', { username: 'alice', password: 'alice-pw' });
  const alice = new ApiClient(stack.platform.url, login.body.token, 'alice');
  phone = await SipAgent.connect(login.body.sip);
  expect(await phone.register()).toBe(200);
  events = await EventStream.of(alice, { since: 0 });
  ok(await alice.setPresence('available'));
  const customer = await customerCall('waits-for-bye', { host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, mediaPort: 44320, timeoutMs: 30_000 });
  const offer = await offeredTo(events, 'alice', undefined, 10_000);

  // The disk is slow now: the accept commits, but its fsync does not end.
  syncs.holding = true;
  const accepting = alice.act(offer.workitem!.workitemId, 'accept');
  for (let i = 0; i < 200 && syncs.pending === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(syncs.pending, 'the accept’s fsync to begin').toBeGreaterThan(0);
  await expect(phone.nextInvitation(1_500), 'the phone rang before the accept was durable').rejects.toThrow();

  syncs.releaseAll();
  ok(await accepting);
  const invitation = await phone.nextInvitation(10_000);
  expect(invitation.request.getHeader('X-Workitem-Id')).toBe(offer.workitem!.workitemId);
  await invitation.accept();
  await invitation.bye();
  const outcome = await customer.finished;
  expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
}, 60_000);
