/** A small DesktopCore double for the transport tests: records calls, answers from handlers, emits events. */
import type { ApiResult, EventName } from '../../../../common/desktop-api';
import type { DesktopCorePort } from '../../../../main/ipc/core-port';

type Handler = (request: unknown) => ApiResult<unknown> | Promise<ApiResult<unknown>>;

export type FakeCore = DesktopCorePort & {
  calls: { name: string; request: unknown }[];
  handle(name: string, handler: Handler): void;
  emit(event: EventName, payload: unknown): void;
  listenerCount(): number;
  close(): Promise<void>;
};

export function createFakeCore(): FakeCore {
  const handlers = new Map<string, Handler>();
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const calls: { name: string; request: unknown }[] = [];
  return {
    calls,
    handle(name, handler) {
      handlers.set(name, handler);
    },
    async invoke(name, request) {
      calls.push({ name, request });
      const handler = handlers.get(name);
      // By default every operation echoes its request, which lets transport tests see what arrived.
      return handler ? handler(request) : { ok: true, value: { echo: name, request } };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    listenerCount: () => listeners.size,
    close: async () => undefined,
  };
}
