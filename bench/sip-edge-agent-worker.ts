/**
 * One worker thread of the SIP edge bench's agents' side (bench/sip-edge-agents.ts): it runs a share of the
 * lean agents (tests/support/sip/media/bench-agent.ts), or the RTP echo every lean agent's media goes to,
 * in its own event loop, so that 500 agents and 25,000 echoed packets a second do not starve one loop (the
 * earlier harness ran them all in the bench's own process, and measured its own starvation).
 */
import { parentPort } from 'node:worker_threads';
import WebSocket from 'ws';
import { BenchAgent, tolerateSipJsAckTimeoutRace } from '../tests/support/sip/media/bench-agent';
import { echoSessionDescriptionHandlerFactory, RtpEchoSocket } from '../tests/support/sip/media/echo-session-description-handler';
import type { WorkerReply, WorkerRequest } from './sip-edge-agents';

// sip.js looks for a browser WebSocket; under Node the `ws` package is one.
Object.assign(globalThis, { WebSocket: (globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket });

const port = parentPort;
if (port === null) throw new Error('sip-edge-agent-worker.ts runs as a worker thread (bench/sip-edge-agents.ts starts it)');

const lostAcks = tolerateSipJsAckTimeoutRace();
let agents: BenchAgent[] = [];
let echo: RtpEchoSocket | undefined;

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.op) {
    case 'start': {
      // A few dozen sign-ins and REGISTERs in flight at once, as a shift starting would send.
      for (let i = 0; i < request.usernames.length; i += 25) {
        const batch = request.usernames.slice(i, i + 25).map((username) =>
          BenchAgent.start({ platformUrl: request.platformUrl, username, password: `${username}-pw`, dispositionCode: request.dispositionCode, sdh: echoSessionDescriptionHandlerFactory(request.echoPort) }),
        );
        agents.push(...(await Promise.all(batch)));
      }
      return { op: 'done' };
    }
    case 'moments':
      return {
        op: 'moments',
        offeredAt: agents.flatMap((a) => a.moments.offeredAt),
        acceptSentAt: agents.flatMap((a) => a.moments.acceptSentAt),
        errors: agents.flatMap((a) => a.errors.splice(0)),
        lostAcks: lostAcks.swallowed(),
      };
    case 'reset':
      for (const a of agents) a.moments.offeredAt.length = a.moments.acceptSentAt.length = 0;
      return { op: 'done' };
    case 'stop':
      // an overloaded edge may not answer un-REGISTERs: give up after 15 s
      await Promise.race([Promise.all(agents.map((a) => a.stop())), new Promise((resolve) => setTimeout(resolve, 15_000))]);
      agents = [];
      echo?.close();
      echo = undefined;
      return { op: 'done' };
    case 'echo':
      echo = await RtpEchoSocket.open(request.port);
      return { op: 'done' };
    case 'echo-stats': {
      const stats: WorkerReply = { op: 'echo-stats', packets: echo?.packets ?? 0, streams: echo?.streams.size ?? 0 };
      if (request.clear) echo?.streams.clear();
      return stats;
    }
  }
}

port.on('message', (message: { id: number; request: WorkerRequest }) => {
  handle(message.request).then(
    (reply) => port.postMessage({ id: message.id, reply }),
    (error: unknown) => port.postMessage({ id: message.id, reply: { op: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply }),
  );
});
