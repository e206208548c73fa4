import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../../main/core/platform/platform-error';
import { parseSnapshotPage, type SnapshotEntry } from '../../../../../main/core/sync/snapshot-page';
import { makeItem } from '../fixtures';

/** Every entry of a page (parsing and checking each as it goes). */
function read(text: string): { seq: number; nextCursor: string | null; entries: SnapshotEntry[] } {
  const page = parseSnapshotPage(text);
  return { ...page, entries: [...page.entries] };
}

/** A page laid out as the platform writes it: one stored item JSON per line. */
function platformPage(items: unknown[], seq = 7, nextCursor: string | null = null): string {
  const head = `{"seq":${seq},"nextCursor":${JSON.stringify(nextCursor)},"items":[`;
  return items.length === 0 ? `${head}]}` : `${head}\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n]}`;
}

describe('parseSnapshotPage', () => {
  it('cuts the items out line by line, keeping each one’s text as it came', () => {
    const a = makeItem({ subject: 'line one, with "quotes" and a\nline break' });
    const b = makeItem({ subject: 'two' });
    const text = platformPage([a, b], 42, b.workitemId);
    const page = read(text);
    expect(page.seq).toBe(42);
    expect(page.nextCursor).toBe(b.workitemId);
    expect(page.entries.map((e) => e.item)).toEqual([a, b]);
    expect(page.entries.map((e) => e.data)).toEqual([JSON.stringify(a), JSON.stringify(b)]);
  });

  it('reads an empty last page', () => {
    expect(read(platformPage([], 3))).toEqual({ seq: 3, nextCursor: null, entries: [] });
  });

  it('accepts the same page laid out differently (parsed whole, fully validated)', () => {
    const a = makeItem();
    const page = read(JSON.stringify({ seq: 1, nextCursor: null, items: [a] }, null, 2));
    expect(page.entries.map((e) => e.item)).toEqual([a]);
    expect(() => read(JSON.stringify({ seq: 1, nextCursor: null, items: [{ ...a, actions: 'none' }] }, null, 2))).toThrow(PlatformError);
  });

  it.each([
    ['a state outside the vocabulary', { state: 'lost' }, 'items.1.state'],
    ['a missing version', { version: undefined }, 'items.1.version'],
    ['a priority that is a string', { priority: '5' }, 'items.1.priority'],
    ['a bad workitemId', { workitemId: 'x' }, 'items.1.workitemId'],
    ['a contact phone that is a number', { contact: { name: null, phone: 5, email: null } }, 'items.1.contact.phone'],
  ])('refuses a page with %s, naming the field', (_what, patch, path) => {
    const text = platformPage([makeItem(), { ...makeItem(), ...patch }]);
    try {
      read(text);
      expect.unreachable('a bad item must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).code).toBe('INTERNAL');
      expect((error as PlatformError).fields?.map((f) => f.path)).toEqual([path]);
    }
  });

  it('refuses an item that is not JSON, and a body that is not JSON', () => {
    const good = JSON.stringify(makeItem());
    expect(() => read(`{"seq":1,"nextCursor":null,"items":[\n${good},\n{oops\n]}`)).toThrow(/item 1 is not JSON/);
    expect(() => parseSnapshotPage('<html>proxy error</html>')).toThrow(PlatformError);
  });
});
