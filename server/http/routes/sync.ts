/**
 * Extension GET /v1/sync/items: the items a principal may read, for a desktop's snapshot, in pages that
 * cost the same whether they are the first or the two-hundredth — keyset paging on the primary key (no
 * COUNT, no OFFSET, no sort), and the items sent as the JSON text they are stored as (no parse and
 * re-serialisation). Visibility is GET /v1/workitems' (service/access's readableFilter).
 *
 * `seq` is the last committed event seq when the page was read. Every change an item of the page does
 * not show yet has an event after it, so a client that opens `GET /v1/events?since=<first page's seq>`
 * misses nothing. A page may already show changes of the batch being committed (events after `seq`):
 * harmless, a client applies items by version.
 *
 * The body is `{"seq":N,"nextCursor":…,"items":[` then one item per line (`,` between them) then `]}`:
 * plain JSON, and a client may cut the items out line by line instead of parsing the whole page
 * (stored item JSON never holds a raw line break).
 */
import type { FastifyInstance } from 'fastify';
import { SyncItemsPageSchema, SyncItemsQuerySchema } from '../../../common/api';
import { readableFilter } from '../../service/access';
import type { Platform } from '../context';
import { defineRoute, RawJson } from '../route';

export function syncRoutes(app: FastifyInstance, platform: Platform): void {
  const { core } = platform;

  defineRoute(app, platform, {
    method: 'GET',
    url: '/v1/sync/items',
    summary:
      'Extension: a snapshot in pages for a desktop’s cache — the items GET /v1/workitems would show, in workitemId order, `limit` (≤ 10000) after the cursor `after`; `{seq, nextCursor, items}` with one item per line. Resume events with GET /v1/events?since=<first page’s seq>',
    permission: 'items.read',
    query: SyncItemsQuerySchema,
    response: SyncItemsPageSchema,
    handler: ({ principal, query }) => {
      // Read first, then seq: both in this synchronous step, so no commit falls between them.
      // One row more than asked tells whether another page follows (no empty last page).
      const page = core.items.snapshotPage(readableFilter(principal), query.after ?? '', query.limit + 1);
      const more = page.data.length > query.limit;
      const data = more ? page.data.slice(0, query.limit) : page.data;
      const nextCursor = more ? page.ids[query.limit - 1] : null;
      const head = `{"seq":${core.committedSeq},"nextCursor":${JSON.stringify(nextCursor)},"items":[`;
      return new RawJson(data.length === 0 ? `${head}]}` : `${head}\n${data.join(',\n')}\n]}`);
    },
  });
}
