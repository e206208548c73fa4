/** Where a task is reassigned: one of the agent's queues, or a named agent; or what is missing. */
export type ReassignKind = 'queue' | 'agent';
export type ReassignTarget = { queueId: string } | { agentUsername: string };

export function reassignTarget(kind: ReassignKind, queueId: string, agentText: string): { ok: true; target: ReassignTarget } | { ok: false; message: string } {
  if (kind === 'queue') return queueId ? { ok: true, target: { queueId } } : { ok: false, message: 'Choose a queue.' };
  const agentUsername = agentText.trim();
  return agentUsername ? { ok: true, target: { agentUsername } } : { ok: false, message: "Enter the agent's username." };
}
