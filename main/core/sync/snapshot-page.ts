/**
 * A page of GET /v1/sync/items (docs/api.md, "Snapshot for sync"), cut into items without a second
 * serialisation: the platform writes one item per line, so each item's text is kept as the cache row's
 * `data` and parsed once for its columns. Each item gets the light check of the fields the cache stores
 * in columns (itemRowProblem); full validation happens when an item is read from the cache.
 *
 * The items are parsed as they are iterated (while the cache writes them), one at a time, so each parsed
 * object dies young: parsing a whole 5,000-item page up front costs a fifth more, in garbage collection.
 * A bad item throws from the iteration, which rolls back that page's transaction.
 *
 * A body laid out otherwise (a proxy that re-encoded it, say) is still accepted: parsed whole and
 * validated with the full schema.
 */
import { SyncItemsPageSchema } from '../../../common/api';
import { fieldErrorsFromZod } from '../../../common/errors';
import type { WorkItem } from '../../../common/workitem';
import { itemRowProblem } from '../cache/item-row';
import { PlatformError } from '../platform/platform-error';

export type SnapshotEntry = { item: WorkItem; data: string };
export type SnapshotPage = { seq: number; nextCursor: string | null; entries: Iterable<SnapshotEntry> };

const ITEMS_OPEN = '"items":[';

function contractError(detail: string, fields?: { path: string; message: string }[]): PlatformError {
  return new PlatformError('INTERNAL', `The platform's answer to GET /v1/sync/items does not match the contract: ${detail}.`, 200, false, fields);
}

function parseWhole(text: string): SnapshotPage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw contractError('not JSON');
  }
  const parsed = SyncItemsPageSchema.safeParse(json);
  if (!parsed.success) throw contractError('see fields', fieldErrorsFromZod(parsed.error));
  const { seq, nextCursor, items } = parsed.data;
  return { seq, nextCursor, entries: items.map((item) => ({ item, data: JSON.stringify(item) })) };
}

function parseHeader(text: string): { seq: number; nextCursor: string | null } | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: no header, and the caller refuses the page
    return null;
  }
  const parsed = SyncItemsPageSchema.safeParse(json);
  return parsed.success && parsed.data.items.length === 0 ? { seq: parsed.data.seq, nextCursor: parsed.data.nextCursor } : null;
}

/** The line layout's header and where its items lie, or null for a body laid out otherwise. */
function lineLayout(text: string): { header: { seq: number; nextCursor: string | null }; firstBreak: number; lastBreak: number } | null {
  const firstBreak = text.indexOf('\n');
  const lastBreak = text.lastIndexOf('\n');
  if (firstBreak === -1 || lastBreak === firstBreak) return null;
  const head = text.slice(0, firstBreak);
  const tail = text.slice(lastBreak + 1);
  if (!head.endsWith(ITEMS_OPEN) || tail.trim() !== ']}') return null;
  const header = parseHeader(head + tail);
  return header === null ? null : { header, firstBreak, lastBreak };
}

/**
 * A page's seq and next cursor from its first and last lines alone — cheap, so the core's loop knows
 * which page to fetch next while the database thread parses the items. Null when the body is laid out
 * otherwise (then only parsing the whole page tells).
 */
export function readSnapshotHeader(text: string): { seq: number; nextCursor: string | null } | null {
  return lineLayout(text)?.header ?? null;
}

export function parseSnapshotPage(text: string): SnapshotPage {
  const layout = lineLayout(text);
  if (layout === null) return parseWhole(text);
  const { header, firstBreak, lastBreak } = layout;

  // Raw line breaks cannot occur inside JSON strings, so ",\n" only ever separates two items.
  const lines = text.slice(firstBreak + 1, lastBreak).split(',\n');
  return { ...header, entries: { [Symbol.iterator]: () => readLines(lines) } };
}

function* readLines(lines: readonly string[]): Generator<SnapshotEntry> {
  for (let i = 0; i < lines.length; i++) {
    const data = lines[i];
    let item: unknown;
    try {
      item = JSON.parse(data);
    } catch {
      throw contractError(`item ${i} is not JSON`, [{ path: `items.${i}`, message: 'not JSON' }]);
    }
    const problem = itemRowProblem(item);
    if (problem !== null) throw contractError(`items.${i}.${problem} is missing or has the wrong type`, [{ path: `items.${i}.${problem}`, message: 'missing or of the wrong type' }]);
    yield { item: item as WorkItem, data };
  }
}
