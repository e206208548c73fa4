/**
 * Simulated customers for `bash scripts/start.sh --demo`: every few seconds one more piece of work arrives
 * through the platform's public API, as a real channel integration would send it — a chat, an email, a task,
 * a callback and (when the SIP edge runs) a phone call, in turn — and the chats' customers type back after
 * each agent message. So a newcomer sees every kind of offer and screen within a minute.
 *
 * It speaks as the demo config's integration (its API key is its bearer token; docs/security.md "channel"),
 * never as an agent: what it can do is exactly what a real web-chat or email connector can.
 */
import { z } from 'zod';
import { MessageSchema, QueueFiguresSchema } from '../../common/api';
import { WorkItemSchema } from '../../common/workitem';
import { CALLBACK_REASONS, CHAT_OPENERS, CHAT_REPLIES, CUSTOMERS, EMAIL_SUBJECTS, TASK_SUBJECTS } from './demo-content';
import { DemoPlatformClient } from './platform-client';

export type DemoKind = 'chat' | 'email' | 'task' | 'callback' | 'call';

export interface CustomerSimulatorOptions {
  platformUrl: string;
  /** an integration's API key from the platform config */
  apiKey: string;
  queueId: string;
  /** time between two new items */
  intervalMs: number;
  /** time between two looks at the open chats for an agent message to answer */
  replyPollMs?: number;
  /** no new item while this many already wait in the queue, so a demo left running does not pile up */
  maxWaiting?: number;
  /** places one SIP call into the queue and says what it did; absent when the SIP edge is not running (calls are then left out) */
  placeCall?: () => Promise<string>;
  log?: (line: string) => void;
}

export interface CustomerSimulator {
  /** how many items of each kind were injected so far */
  readonly injected: Readonly<Record<DemoKind, number>>;
  stop(): Promise<void>;
}

const FINISHED_STATES = new Set(['terminated', 'dispositioned', 'closed']);
const YEAR = 365 * 24 * 3600 * 1000;

/** The chat's customer answers each agent message once; `answeredMessageId` is the last one answered. */
type OpenChat = { answeredMessageId: string | null; replies: number };

export function startCustomerSimulator(options: CustomerSimulatorOptions): CustomerSimulator {
  const client = new DemoPlatformClient(options.platformUrl, options.apiKey);
  const log = options.log ?? (() => undefined);
  // A call last in the round: the queue holds at most maxWaiting items, and a call waits there while it rings.
  const kinds: DemoKind[] = options.placeCall ? ['chat', 'email', 'task', 'callback', 'call'] : ['chat', 'email', 'task', 'callback'];
  const injected: Record<DemoKind, number> = { chat: 0, email: 0, task: 0, callback: 0, call: 0 };
  const openChats = new Map<string, OpenChat>();
  const controller = new AbortController();
  let turn = 0;

  const customer = () => CUSTOMERS[turn % CUSTOMERS.length];
  const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];

  const inject: Record<DemoKind, () => Promise<string>> = {
    chat: async () => {
      const who = customer();
      const chat = await client.request('POST', '/v1/chats', WorkItemSchema, {
        queueId: options.queueId,
        customer: { name: who.name, email: who.email },
        text: pick(CHAT_OPENERS, injected.chat),
      });
      openChats.set(chat.workitemId, { answeredMessageId: null, replies: 0 });
      return `chat from ${who.name}`;
    },
    email: async () => {
      const who = customer();
      const email = pick(EMAIL_SUBJECTS, injected.email);
      await client.request('POST', '/v1/workitems', WorkItemSchema, {
        type: 'email', channelType: 'email', channel: 'Email', queueId: options.queueId,
        subject: email.subject, description: email.description + who.name, contact: { name: who.name, email: who.email },
      });
      return `email "${email.subject}"`;
    },
    task: async () => {
      const task = pick(TASK_SUBJECTS, injected.task);
      await client.request('POST', '/v1/workitems', WorkItemSchema, {
        type: 'task', subType: task.subType, channel: 'API', priority: task.priority, queueId: options.queueId,
        subject: task.subject, dueAt: Date.now() + 24 * 3600 * 1000, contact: { name: customer().name },
      });
      return `task "${task.subject}"`;
    },
    callback: async () => {
      const who = customer();
      // Every third callback is for next year, so the callbacks list shows a date with its year.
      const scheduledAt = injected.callback % 3 === 2 ? Date.now() + YEAR : undefined;
      await client.request('POST', '/v1/callbacks', WorkItemSchema, {
        phone: who.phone, name: who.name, reason: pick(CALLBACK_REASONS, injected.callback), queueId: options.queueId, scheduledAt,
      });
      return `callback for ${who.name}${scheduledAt ? ' (next year)' : ''}`;
    },
    call: async () => (options.placeCall ? options.placeCall() : 'no SIP call (no SIP edge)'),
  };

  async function queueIsFull(): Promise<boolean> {
    if (options.maxWaiting === undefined) return false;
    const queues = await client.request('GET', '/v1/queues', z.array(QueueFiguresSchema));
    return (queues.find((q) => q.queueId === options.queueId)?.waiting ?? 0) >= options.maxWaiting;
  }

  async function injectNext(): Promise<void> {
    if (await queueIsFull()) return;
    const kind = kinds[turn % kinds.length];
    const what = await inject[kind]();
    injected[kind]++;
    turn++;
    log(`demo: ${what}`);
  }

  async function answerChat(workitemId: string, chat: OpenChat): Promise<void> {
    const item = await client.request('GET', `/v1/workitems/${workitemId}`, WorkItemSchema);
    if (FINISHED_STATES.has(item.state)) {
      openChats.delete(workitemId);
      return;
    }
    const messages = await client.request('GET', `/v1/workitems/${workitemId}/messages`, z.array(MessageSchema));
    const last = messages.at(-1);
    if (!last || last.from !== 'agent' || last.messageId === chat.answeredMessageId) return;
    chat.answeredMessageId = last.messageId;
    await client.request('POST', `/v1/workitems/${workitemId}/messages`, MessageSchema, {
      text: pick(CHAT_REPLIES, Math.min(chat.replies, CHAT_REPLIES.length - 1)),
      from: 'customer',
    });
    chat.replies++;
  }

  async function answerChats(): Promise<void> {
    for (const [workitemId, chat] of openChats) await answerChat(workitemId, chat);
  }

  const loops = [
    repeat(options.intervalMs, injectNext, controller.signal, log),
    repeat(options.replyPollMs ?? 1500, answerChats, controller.signal, log),
  ];

  return {
    injected,
    async stop() {
      controller.abort();
      await Promise.all(loops);
    },
  };
}

/** Runs `step` now and then `everyMs` after each run ends (never two at once) until the signal aborts. */
async function repeat(everyMs: number, step: () => Promise<void>, signal: AbortSignal, log: (line: string) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      await step();
    } catch (error) {
      // One refused request (a full queue, a platform restarting) must not end the demo.
      log(`demo: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(everyMs, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
