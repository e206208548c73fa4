/**
 * One user cannot fill the disk through one item (issue 11): every note is copied into the item's
 * activity log, and every change sends the whole item in its event, so notes are bounded per item in
 * number and in total text. Past a bound: 400 VALIDATION_FAILED on `text`, and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_DEFAULTS } from '../../../server/config';
import { ok, startScene, type Scene } from './helpers';

const { noteTextPerItem: MAX_NOTE_TEXT_PER_ITEM, notesPerItem: MAX_NOTES_PER_ITEM } = LIMIT_DEFAULTS;

let scene: Scene;
beforeAll(async () => {
  scene = await startScene();
});
afterAll(async () => {
  await scene?.close();
});

function expectItemFull(res: { status: number; body: { error?: { code?: string; fields?: { path: string }[] } } }): void {
  expect(res.status).toBe(400);
  expect(res.body.error?.code).toBe('VALIDATION_FAILED');
  expect(res.body.error?.fields?.map((f) => f.path)).toEqual(['text']);
}

describe('notes on one item', () => {
  it('hold a bounded amount of text in all', async () => {
    const alice = await scene.login('alice');
    const task = ok(await alice.createItem({ type: 'task', subject: 'long notes' }));
    const big = 'x'.repeat(20_000);
    ok(await alice.post(`/v1/workitems/${task.workitemId}/notes`, { text: big }), 'first long note');
    expectItemFull(await alice.post(`/v1/workitems/${task.workitemId}/notes`, { text: big }));
    const left = MAX_NOTE_TEXT_PER_ITEM - big.length;
    ok(await alice.post(`/v1/workitems/${task.workitemId}/notes`, { text: 'y'.repeat(left) }), 'what is left fits');
    const item = ok(await alice.item(task.workitemId));
    expect(item.timeEvents.filter((e) => e.type === 'note')).toHaveLength(2);
    expect(JSON.stringify(item).length).toBeLessThan(MAX_NOTE_TEXT_PER_ITEM + 10_000);
  });

  it('are bounded in number', async () => {
    const alice = await scene.login('alice');
    const task = ok(await alice.createItem({ type: 'task', subject: 'many notes' }));
    for (let i = 0; i < MAX_NOTES_PER_ITEM; i++) ok(await alice.post(`/v1/workitems/${task.workitemId}/notes`, { text: `note ${i}` }), `note ${i}`);
    expectItemFull(await alice.post(`/v1/workitems/${task.workitemId}/notes`, { text: 'one too many' }));
    expect(ok(await alice.item(task.workitemId)).timeEvents.filter((e) => e.type === 'note')).toHaveLength(MAX_NOTES_PER_ITEM);
  });
});
