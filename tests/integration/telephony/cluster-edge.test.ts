/**
 * The SIP edge with several platform nodes (issue 13, "the SIP edge asks any live node"): three node
 * processes on one throw-away PostgreSQL and one real edge (Kamailio + rtpengine) whose control ports
 * listen on 127.0.0.2 (`sip.controlHost`), not the default 127.0.0.1 — as an edge on its own machine would
 * on an internal address. Only the routing node runs the platform and so connects to the edge. A call is
 * answered with node A routing; A is SIGKILLed; the node that takes over connects to the edge itself and a
 * new call is offered to an agent signed in at a surviving node, answered, and SIPp gets its 200 OK. A call
 * that was waiting in its queue at the kill is offered again by the new routing node (the edge tells it
 * the calls it still holds) and reaches the agent who accepts it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config';
import { startEdge, type RunningEdge } from '../../../server/telephony/edge-launcher';
import { sharedOrOwnCluster } from '../../support/postgres';
import { customerCall } from '../../support/sip/customer';
import { signInAgent, type SignedInAgent } from '../../support/sip/signed-in-agent';
import { freePort, SALES_NUMBER, SIP_DOMAIN, SIP_SECRET, SUPPORT_NUMBER } from '../../support/sip/test-stack';
import { ApiClient, EventStream, eventually, itemEventually, loadFixture, offeredTo, ok, queueOf, type RawConfig } from '../server/helpers';
import { isItemStored, routingNode, startNode, stopNode, type ClusterNodeProcess } from '../server/cluster/cluster-support';

/** Not 127.0.0.1: a platform that still connected to the default address would never reach this edge. */
const CONTROL_HOST = '127.0.0.2';

let pg: Awaited<ReturnType<typeof sharedOrOwnCluster>>;
let edge: RunningEdge | undefined;
let edgeDir: string;
const edgeLog: string[] = [];
const nodes: ClusterNodeProcess[] = [];
const agents: SignedInAgent[] = [];
let sip: RawConfig;
let storeUrl: string;

/** What every node and the edge share: the sip block and the queues' numbers. */
function withTelephony(raw: RawConfig): void {
  raw.sip = sip;
  Object.assign(queueOf(raw, 'support'), { phoneNumbers: [SUPPORT_NUMBER] });
  Object.assign(queueOf(raw, 'sales'), { phoneNumbers: [SALES_NUMBER], offerTimeoutSeconds: 60, wrapUpTimeoutSeconds: 60, ttlSeconds: 3600 });
}

const log = () => `\n${edgeLog.slice(-40).join('\n')}`;

beforeAll(async () => {
  const taken = new Set<number>();
  const [udpPort, wsPort, controlPort, ngPort, gatewayPort] = [await freePort(taken), await freePort(taken), await freePort(taken), await freePort(taken), await freePort(taken)];
  sip = {
    domain: SIP_DOMAIN,
    listen: { host: '127.0.0.1', udpPort, wsPort },
    gateway: `sip:127.0.0.1:${gatewayPort}`,
    media: { portMin: 44800, portMax: 44899 },
    secret: SIP_SECRET,
    controlHost: CONTROL_HOST,
    controlPort,
    ngPort,
  };
  pg = await sharedOrOwnCluster();
  storeUrl = await pg.createDatabase('edge');
  edgeDir = await mkdtemp(path.join(tmpdir(), 'switchboard-cluster-edge-'));
  const raw = await loadFixture();
  raw.dataDir = edgeDir;
  withTelephony(raw);
  edge = await startEdge(parseConfig(raw, edgeDir), {
    children: 2,
    onLog: (source, line) => {
      edgeLog.push(`${source}: ${line}`);
      if (edgeLog.length > 300) edgeLog.shift();
    },
  });
  // A first, alone, so it is the one that routes; then two followers.
  nodes.push(await startNode(storeUrl, withTelephony));
  expect(await routingNode([nodes[0].url], 30_000)).toBe(nodes[0].url);
  nodes.push(await startNode(storeUrl, withTelephony), await startNode(storeUrl, withTelephony));
}, 120_000);

afterAll(async () => {
  for (const agent of agents) {
    await agent.events.close();
    await agent.phone.stop();
  }
  for (const node of nodes) await stopNode(node).catch(() => undefined);
  await edge?.stop();
  await pg?.release();
  if (edgeDir) await rm(edgeDir, { recursive: true, force: true });
}, 60_000);

type Customer = Awaited<ReturnType<typeof customerCall>>;

/** SIPp's media port: a free one, not a fixed one (the machine's ephemeral ports may hold any fixed one) */
async function callCustomer(number: string): Promise<Customer> {
  const mediaPort = await freePort(new Set());
  return customerCall('hangs-up', { host: '127.0.0.1', port: sip.listen.udpPort, number, pauseMs: 1000, mediaPort, timeoutMs: 60_000 });
}

/** An inbound call to `number`, offered to and answered by `agent`'s softphone; SIPp hangs up. */
async function answeredCall(agent: SignedInAgent, username: string, number: string, disposition: string, offerTimeoutMs: number) {
  const mark = agent.events.mark();
  return answer(agent, username, await callCustomer(number), disposition, offerTimeoutMs, undefined, mark);
}

async function answer(agent: SignedInAgent, username: string, customer: Customer, disposition: string, offerTimeoutMs: number, itemId?: string, mark = 0) {
  const offered = await offeredTo(agent.events, username, itemId, offerTimeoutMs, mark).catch(async (err: Error) => {
    customer.stop();
    const outcome = await customer.finished;
    throw new Error(`${err.message}\nSIPp: ${outcome.errors}${log()}`);
  });
  const item = offered.workitem!;
  expect(item).toMatchObject({ type: 'call', channelType: 'voice', direction: 'INBOUND' });
  expect(ok(await agent.api.act(item.workitemId, 'accept')).state).toBe('accepted');
  const invitation = await agent.phone.nextInvitation(10_000);
  expect(invitation.request.getHeader('X-Workitem-Id')).toBe(item.workitemId);
  await invitation.accept();
  await itemEventually(agent.api, item.workitemId, (i) => i.state === 'active', 10_000);
  // exit code 0: SIPp got its 200 OK, sent ACK, hung up and had its BYE answered
  const outcome = await customer.finished;
  expect(outcome.exitCode, outcome.errors + log()).toBe(0);
  await itemEventually(agent.api, item.workitemId, (i) => i.state === 'terminated', 10_000);
  ok(await agent.api.act(item.workitemId, 'disposition', { code: disposition }));
  return item;
}

describe('the SIP edge with three platform nodes on one PostgreSQL', () => {
  it('keeps taking calls when the routing node is SIGKILLed: the node that takes over connects to the edge', async () => {
    const [a, b, c] = nodes;
    // alice works through a follower: the API and her event stream are forwarded to A
    const alice = await signInAgent(b.url, 'alice');
    agents.push(alice);
    await answeredCall(alice, 'alice', SUPPORT_NUMBER, 'resolved', 15_000);

    // a second caller waits in the support queue while nobody serves it: its INVITE is suspended at the edge
    ok(await alice.api.setPresence('not_ready'));
    const waitingCaller = await callCustomer(SUPPORT_NUMBER);
    const sup = await ApiClient.login(b.url, 'sup');
    const [waitingItem] = await eventually(
      async () => (ok(await sup.get(`/v1/workitems?q=${encodeURIComponent('type:call AND queueId:support')}`)).items as { workitemId: string; state: string }[]).filter((i) => i.state === 'inqueue'),
      (items) => items.length === 1,
      30_000,
      100,
    ).catch(async (err: Error) => {
      waitingCaller.stop();
      const outcome = await waitingCaller.finished;
      throw new Error(`${err.message}\nSIPp: ${outcome.errors}${log()}`);
    });

    // Killed once the item is in PostgreSQL: the sup's GET reads A's working copy, which may hold it a moment
    // before it is shipped, and an item A never shipped is rightly not what the next node adopts (it makes
    // the call a new item, which this test would take for a lost adoption).
    await expect.poll(() => isItemStored(storeUrl, waitingItem.workitemId), { timeout: 10_000 }).toBe(true);
    await a.kill('SIGKILL');
    const leader = await routingNode([b.url, c.url], 30_000);
    // carol signs in at the surviving node that does NOT route, so she too goes through a follower
    const follower = leader === b.url ? c.url : b.url;
    const carol = await signInAgent(follower, 'carol');
    agents.push(carol);
    // the new leader connects to the edge with backoff; until then the edge answers 503, so the first
    // call after the takeover is placed once the edge has seen a platform connect again
    await expect.poll(() => edgeLog.filter((line) => line.includes('edge: platform connected')).length, { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    await answeredCall(carol, 'carol', SALES_NUMBER, 'sold', 15_000);

    // The call that waited through the kill: the new routing node loaded its item and the edge told it the
    // INVITE it still holds, so the item's offer leads to the caller. alice's stream (forwarded to A) is
    // gone: she opens a new one at the follower, as the desktop does; her softphone stayed registered.
    await alice.events.close();
    alice.events = await EventStream.connect(follower, alice.api.token);
    alice.api = new ApiClient(follower, alice.api.token, 'alice');
    ok(await alice.api.setPresence('available'));
    await answer(alice, 'alice', waitingCaller, 'resolved', 15_000, waitingItem.workitemId);
  }, 120_000);
});
