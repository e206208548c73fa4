/**
 * One platform node on PostgreSQL (`store.url` without `cluster`), kept serving through a PostgreSQL
 * outage. A commit PostgreSQL did not take leaves the node's working copy (db/postgres/) holding changes
 * nobody was told about and PostgreSQL may not have: from then on the node acknowledges nothing (503) until
 * it loads again from PostgreSQL. This runner does that itself: at the first refused commit it closes the
 * platform and starts it again on the same address, trying every RETRY_MS until PostgreSQL answers — what
 * was acknowledged is all there, what was refused was never acknowledged (clients retry it with the same
 * Idempotency-Key), and event streams resume with `since`. Meanwhile the address refuses connections,
 * which clients treat as the platform being away. (A cluster node instead exits and its supervisor starts
 * it again: docs/scaling.md.)
 */
import type { PlatformConfig } from './config';
import { startPlatform, type StartOptions } from './platform';

const RETRY_MS = 1_000;

export interface SelfHealingPlatform {
  url: string;
  port: number;
  /** how many times the platform was started again after PostgreSQL refused a commit */
  restarts(): number;
  close(): Promise<void>;
}

export async function startSelfHealingPlatform(
  config: PlatformConfig,
  options: StartOptions & { report?: (line: string) => void; retryMs?: number } = {},
): Promise<SelfHealingPlatform> {
  const { report = () => undefined, retryMs = RETRY_MS, ...startOptions } = options;
  let closed = false;
  let restarts = 0;
  let restarting: Promise<void> | null = null;
  const start = (at: PlatformConfig) => startPlatform(at, { ...startOptions, onStoreFailed });
  let current = await start(config);
  // Again on the port it has now (a config's port 0 took a free one): clients keep their address.
  const sameAddress: PlatformConfig = { ...config, listen: { ...config.listen, port: current.port } };

  function onStoreFailed(err: unknown): void {
    if (closed || restarting !== null) return;
    report(`PostgreSQL did not take a commit (${(err as Error)?.message ?? String(err)}): loading again from it`);
    restarting = restart().finally(() => (restarting = null));
  }

  async function restart(): Promise<void> {
    await current.close();
    while (!closed) {
      try {
        const next = await start(sameAddress);
        if (closed) return next.close();
        current = next;
        restarts += 1;
        report(`loaded again from PostgreSQL; listening on ${next.url}`);
        return;
      } catch (err) {
        report(`PostgreSQL not back yet (${(err as Error).message}); trying again in ${retryMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  }

  return {
    url: current.url,
    port: current.port,
    restarts: () => restarts,
    async close() {
      closed = true;
      await restarting;
      await current.close();
    },
  };
}
