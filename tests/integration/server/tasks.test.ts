/**
 * Tasks (seed 004): assignee agent or team, due date, status To Do / In Progress / Resolved, and every
 * creation, status change and reassignment in the activity log (timeEvents).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ok, startScene, type Scene } from './helpers';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

describe('tasks', () => {
  it('logs creation, status changes and reassignment in timeEvents', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const bob = await scene.agent('bob');
    const dueAt = Date.now() + 86_400_000;
    const res = await alice.api.createItem({
      type: 'task',
      subType: 'follow_up',
      channel: 'Phone',
      priority: 2,
      subject: 'Call back about the invoice',
      description: 'Customer asked for a follow-up',
      dueAt,
      conversationId: 'conv-42',
      assignee: { agentUsername: 'alice' },
    });
    expect(res.status).toBe(201);
    const task = res.body;
    expect(task.type).toBe('task');
    expect(task.status).toBe('todo');
    expect(task.agentUsername).toBe('alice');
    expect(task.dueAt).toBe(dueAt);
    expect(task.priority).toBe(2);
    expect(task.conversationId).toBe('conv-42');
    expect(task.timeEvents.length).toBeGreaterThanOrEqual(1);
    expect(task.timeEvents[0].userId).toBe('alice');

    const started = ok(await alice.api.act(task.workitemId, 'status', { status: 'in_progress' }), 'status in_progress');
    expect(started.status).toBe('in_progress');
    expect(started.timeEvents.length).toBeGreaterThan(task.timeEvents.length);
    expect(JSON.stringify(started.timeEvents.slice(task.timeEvents.length))).toContain('in_progress');

    // Giving work to another agent (their capacity) is for a supervisor or an admin (docs/security.md).
    const moved = ok(await scene.sup.act(task.workitemId, 'assign', { agentUsername: 'bob' }), 'reassign');
    expect(moved.agentUsername).toBe('bob');
    expect(moved.timeEvents.length).toBeGreaterThan(started.timeEvents.length);
    expect(JSON.stringify(moved.timeEvents.slice(started.timeEvents.length))).toContain('bob');

    const resolved = ok(await bob.api.act(task.workitemId, 'status', { status: 'resolved' }), 'resolve');
    expect(resolved.status).toBe('resolved');
    const last = resolved.timeEvents[resolved.timeEvents.length - 1];
    expect(last.userId).toBe('bob');
    expect(JSON.stringify(resolved.timeEvents.slice(moved.timeEvents.length))).toContain('resolved');
    for (let i = 1; i < resolved.timeEvents.length; i++) {
      expect(resolved.timeEvents[i].timestamp).toBeGreaterThanOrEqual(resolved.timeEvents[i - 1].timestamp);
    }
  });

  it('a supervisor may reassign a task to a team; the log records it', async () => {
    scene = await startScene();
    const task = ok(await scene.sup.createItem({ type: 'task', subject: 'Review', assignee: { agentUsername: 'bob' } }), 'create');
    const moved = ok(await scene.sup.act(task.workitemId, 'assign', { team: 'billing' }), 'assign team');
    expect(moved.team).toBe('billing');
    expect(JSON.stringify(moved.timeEvents.slice(task.timeEvents.length))).toContain('billing');
  });

  it('refuses type callback on POST /v1/workitems (callbacks have their own endpoint)', async () => {
    scene = await startScene();
    const res = await scene.sup.createItem({ type: 'callback', subject: 'Call me', assignee: { agentUsername: 'alice' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields?.map((f: { path: string }) => f.path)).toContain('type');
  });

  it('refuses a bad task status with a field error', async () => {
    scene = await startScene();
    const task = ok(await scene.sup.createItem({ type: 'task', subject: 'x', assignee: { agentUsername: 'alice' } }), 'create');
    const res = await scene.sup.act(task.workitemId, 'status', { status: 'done' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.[0]?.path).toBe('status');
  });
});
