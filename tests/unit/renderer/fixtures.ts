/** Test doubles for the renderer: a full work item, and a fake SwitchboardApi that records calls and pushes events. */
import {
  EVENT_NAMES,
  OPERATION_NAMES,
  subscriptionName,
  type ApiResult,
  type EventName,
  type EventPayload,
  type OperationName,
  type OperationRequest,
  type OperationResponse,
  type SwitchboardApi,
} from '../../../common/desktop-api';
import { newWorkItem } from '../../../common/lifecycle';
import { WorkItemSchema, type WorkItem } from '../../../common/workitem';

let counter = 0;

export function workItem(overrides: Partial<WorkItem> = {}): WorkItem {
  counter += 1;
  const base = newWorkItem({
    workitemId: `wi_test${counter}`,
    type: 'task',
    channel: 'Internal',
    queueId: 'support',
    subject: `Item ${counter}`,
    createdAt: 1_700_000_000_000 + counter,
    createdBy: 'system',
  });
  // A bare item: no status, actions or log unless a test gives them.
  return WorkItemSchema.parse({ ...base, status: null, actions: [], timeEvents: [], ...overrides });
}

type Handler<N extends OperationName> = (request: OperationRequest<N>) => ApiResult<OperationResponse<N>> | Promise<ApiResult<OperationResponse<N>>>;

export type FakeSwitchboard = SwitchboardApi & {
  calls: { name: OperationName; request: unknown }[];
  handle<N extends OperationName>(name: N, handler: Handler<N>): void;
  emit<N extends EventName>(event: N, payload: EventPayload<N>): void;
  listenerCount(event: EventName): number;
};

/** Every operation answers NOT_IMPLEMENTED until a test gives it a handler. */
export function fakeSwitchboard(): FakeSwitchboard {
  const handlers = new Map<OperationName, Handler<OperationName>>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeSwitchboard['calls'] = [];
  const fake: Record<string, unknown> = {
    calls,
    handle(name: OperationName, handler: Handler<OperationName>) {
      handlers.set(name, handler);
    },
    emit(event: EventName, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
  for (const name of OPERATION_NAMES) {
    fake[name] = async (request: unknown) => {
      calls.push({ name, request });
      const handler = handlers.get(name);
      return handler ? handler(request as never) : { ok: false, error: { code: 'NOT_IMPLEMENTED', message: `${name} has no fake` } };
    };
  }
  for (const event of EVENT_NAMES) {
    fake[subscriptionName(event)] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  return fake as unknown as FakeSwitchboard;
}

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

/** Lets pending promises and RTK Query's thunks settle. */
export async function settle(ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await new Promise((resolve) => setTimeout(resolve, 0));
}
