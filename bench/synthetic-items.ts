/**
 * Synthetic work items for the desktop benchmarks: a realistic mix of kinds, states and priorities, with
 * subjects, descriptions and contacts drawn from word lists so full-text search has real work to do.
 * Deterministic (seeded), so runs compare.
 */
import { newWorkItem } from '../common/lifecycle';
import { KINDS } from '../common/vocabulary';
import type { WorkItem } from '../common/workitem';

const FIRST = ['Alice', 'Bruno', 'Chen', 'Dana', 'Elif', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Smith', 'Okafor', 'Garcia', 'Nguyen', 'Müller', 'Rossi', 'Kowalski', 'Haddad', 'Tanaka', 'Silva', 'Larsen', 'Dubois', 'Novak', 'Ivanova', 'Kim', 'Patel', 'Cohen', 'Moreau', 'Berg', 'Costa'];
const TOPICS = ['refund', 'invoice', 'password reset', 'delivery delay', 'broken screen', 'upgrade plan', 'cancel contract', 'billing address', 'warranty claim', 'login problem', 'roaming charges', 'router setup', 'missing parcel', 'double charge', 'data export'];
const WORDS = ['customer', 'asked', 'about', 'their', 'order', 'again', 'urgent', 'please', 'call', 'back', 'tomorrow', 'morning', 'account', 'number', 'verified', 'escalate', 'to', 'second', 'line', 'support'];
const PRIORITIES = [1, 2, 3, 5, 5, 5, 8] as const;
/** An agent's cache is mostly history: about 95 % final items, the rest spread over the live states. */
const REALISTIC_STATES = [
  ...Array<string>(60).fill('dispositioned'), ...Array<string>(35).fill('closed'),
  'inqueue', 'offered', 'active', 'hold', 'terminated',
] as const;

export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function syntheticItems(count: number, options: { agentUsername?: string; now?: number; states?: readonly string[] } = {}): WorkItem[] {
  const random = seededRandom();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const now = options.now ?? 1_760_000_000_000;
  const states = options.states ?? REALISTIC_STATES;
  const items: WorkItem[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const topic = pick(TOPICS);
    const description = Array.from({ length: 12 + Math.floor(random() * 20) }, () => pick(WORDS)).join(' ');
    items.push(
      newWorkItem({
        workitemId: `wi_bench${i.toString(36).padStart(6, '0')}`,
        type: pick(KINDS),
        createdAt: now - Math.floor(random() * 30 * 86_400_000),
        createdBy: 'system',
        state: pick(states) as WorkItem['state'],
        priority: pick(PRIORITIES),
        queueId: 'support',
        agentUsername: options.agentUsername ?? pick(['alice', 'bob', null]),
        subject: `${topic} #${10_000 + i}`,
        description,
        contact: { name: `${first} ${last}`, phone: `+1415${String(1_000_000 + Math.floor(random() * 8_999_999))}`, email: `${first}.${last}${i % 100}@example.org`.toLowerCase() },
      }),
    );
  }
  return items;
}

