/**
 * A first sync's pages, fetched and written on the database thread (main/core/db), so the core's loop
 * neither receives nor decodes the ~4 MB of each page: it asks for a page, learns its header, asks for it
 * to be written, and so on — two small messages a page. While a page is written, the next one is already
 * being fetched (the socket fills while the write holds this thread).
 */
import type { CacheApi, SnapshotPageWritten } from '../cache/cache-api';
import { PlatformClient } from '../platform/http-client';
import { parseSnapshotPage, readSnapshotHeader } from './snapshot-page';

/** Where the pages come from: the signed-in agent's platform and token. */
export type SnapshotSource = { platformUrl: string; token: string; limit: number };
export type SnapshotPageHeader = { seq: number; nextCursor: string | null };

export class SnapshotPages {
  private current: { text: string; header: SnapshotPageHeader } | null = null;
  private prefetched: { after: string; text: Promise<string> } | null = null;

  constructor(private readonly cache: CacheApi) {}

  /** Fetch the page after `after` (the first page for null) and hold it; answers its header. A platform refusal is thrown as it came. */
  async fetchPage(source: SnapshotSource, after: string | null): Promise<SnapshotPageHeader> {
    const ready = after !== null && this.prefetched?.after === after ? this.prefetched.text : null;
    this.prefetched = null;
    const text = await (ready ?? this.request(source, after));
    // The header from the first and last lines; a body laid out otherwise is parsed whole for it.
    const header = readSnapshotHeader(text) ?? parseSnapshotPage(text);
    this.current = { text, header: { seq: header.seq, nextCursor: header.nextCursor } };
    return this.current.header;
  }

  /** Write the held page (cache-api.ts, in one transaction), fetching the next one meanwhile. */
  writePage(source: SnapshotSource, keepChanged: number): SnapshotPageWritten {
    const page = this.current;
    if (page === null) throw new Error('no snapshot page is held (fetchPage first)');
    this.current = null;
    const after = page.header.nextCursor;
    if (after !== null) {
      const text = this.request(source, after);
      text.catch(() => undefined); // fetchPage awaits it, or it is dropped with the snapshot
      this.prefetched = { after, text };
    }
    return this.cache.writeSnapshotPage({ text: page.text }, keepChanged);
  }

  private request(source: SnapshotSource, after: string | null): Promise<string> {
    return new PlatformClient(source.platformUrl, source.token).syncItems({ ...(after !== null ? { after } : {}), limit: source.limit });
  }
}
