import { describe, expect, it } from 'vitest';
import { WorkItemIdParamSchema } from '../../../../common/api';
import { newId } from '../../../../server/service/ids';

describe('newId', () => {
  it('is a valid work item id, unique, and sorts by creation time', () => {
    const ids = [newId('wi', 1_000), newId('wi', 1_000), newId('wi', 2_000), newId('wi', Date.UTC(2030, 0, 1)), newId('wi', Date.UTC(2031, 0, 1))];
    for (const id of ids) expect(WorkItemIdParamSchema.safeParse({ id }).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Same millisecond: any order; later milliseconds: later in byte order (how SQLite compares TEXT).
    expect(ids.slice(2)).toEqual([...ids.slice(2)].sort());
    expect(ids[0] < ids[2] && ids[1] < ids[2]).toBe(true);
  });

  it('draws fresh random bytes for every id (across the pool refill)', () => {
    const many = Array.from({ length: 2_000 }, () => newId('msg', 5));
    expect(new Set(many).size).toBe(many.length);
    expect(many.every((id) => /^msg_[0-9a-z]{9}[A-Za-z0-9_-]{12}$/.test(id))).toBe(true);
  });
});
