/**
 * The SIP edge bench's lean agents and their RTP echo, spread over worker threads (sip-edge-agent-worker.ts):
 * each worker runs its share of the agents in its own event loop, and one more runs the echo. With all
 * 520 sip.js agents and the echo in the bench's own loop, that loop starved under the 500-call run: agents
 * accepted and answered seconds late and the row measured the harness, not the edge.
 */
import { Worker } from 'node:worker_threads';

export type WorkerRequest =
  | { op: 'start'; platformUrl: string; usernames: string[]; dispositionCode: string; echoPort: number }
  | { op: 'moments' }
  | { op: 'reset' }
  | { op: 'stop' }
  | { op: 'echo'; port: number }
  | { op: 'echo-stats'; clear: boolean };

export type WorkerReply =
  | { op: 'done' }
  | { op: 'error'; message: string }
  | { op: 'moments'; offeredAt: number[]; acceptSentAt: number[]; errors: string[]; lostAcks: number }
  | { op: 'echo-stats'; packets: number; streams: number };

const WORKER_FILE = new URL('./sip-edge-agent-worker.ts', import.meta.url);

/** One worker thread, asked one thing at a time per request id. */
class AgentWorker {
  private readonly worker = new Worker(WORKER_FILE, { execArgv: ['--import', 'tsx'] });
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();

  constructor() {
    this.worker.on('message', (message: { id: number; reply: WorkerReply }) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.reply.op === 'error') waiter?.reject(new Error(message.reply.message));
      else waiter?.resolve(message.reply);
    });
    const failAll = (error: Error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', failAll);
    this.worker.on('exit', (code) => failAll(new Error(`an agents' worker exited with ${code}`)));
  }

  ask(request: WorkerRequest): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export type AgentMoments = { offeredAt: number[]; acceptSentAt: number[]; errors: string[]; lostAcks: number };

export class WorkerAgents {
  private constructor(
    private readonly agentWorkers: AgentWorker[],
    private readonly echoWorker: AgentWorker,
  ) {}

  /**
   * Opens the echo on ECHOPORT in its own worker, then signs in and registers USERNAMES spread over
   * WORKERS workers (each agent's media goes to the echo).
   */
  static async start(options: { platformUrl: string; usernames: string[]; dispositionCode: string; echoPort: number; workers: number }): Promise<WorkerAgents> {
    const echoWorker = new AgentWorker();
    const agentWorkers = Array.from({ length: options.workers }, () => new AgentWorker());
    const pool = new WorkerAgents(agentWorkers, echoWorker);
    try {
      await echoWorker.ask({ op: 'echo', port: options.echoPort });
      // One worker signing in at a time (25 at once each): the platform's password hashing queue is
      // bounded, and more sign-ins at once are refused 429.
      for (const [w, worker] of agentWorkers.entries()) {
        const usernames = options.usernames.filter((_, i) => i % options.workers === w);
        await worker.ask({ op: 'start', platformUrl: options.platformUrl, dispositionCode: options.dispositionCode, echoPort: options.echoPort, usernames });
      }
    } catch (error) {
      await pool.stop();
      throw error;
    }
    return pool;
  }

  /** Every agent's moments (wall clock, ms) and the errors since the last call. */
  async moments(): Promise<AgentMoments> {
    const replies = await Promise.all(this.agentWorkers.map((w) => w.ask({ op: 'moments' })));
    const all: AgentMoments = { offeredAt: [], acceptSentAt: [], errors: [], lostAcks: 0 };
    for (const reply of replies) {
      if (reply.op !== 'moments') continue;
      all.offeredAt.push(...reply.offeredAt);
      all.acceptSentAt.push(...reply.acceptSentAt);
      all.errors.push(...reply.errors);
      all.lostAcks += reply.lostAcks;
    }
    return all;
  }

  async resetMoments(): Promise<void> {
    await Promise.all(this.agentWorkers.map((w) => w.ask({ op: 'reset' })));
  }

  /** RTP packets echoed so far, and the streams (one per call leg rtpengine relays) since the last clear. */
  async echoStats(clear = false): Promise<{ packets: number; streams: number }> {
    const reply = await this.echoWorker.ask({ op: 'echo-stats', clear });
    return reply.op === 'echo-stats' ? { packets: reply.packets, streams: reply.streams } : { packets: 0, streams: 0 };
  }

  /** Agents go offline and unregister, then every worker ends. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.agentWorkers, this.echoWorker].map((w) => w.ask({ op: 'stop' })));
    await Promise.all([...this.agentWorkers, this.echoWorker].map((w) => w.terminate()));
  }
}
