/** Where a transfer or reassignment goes: a queue, a named agent or (calls only) a number; or what is missing. */
export type TargetKind = 'queue' | 'agent' | 'number';
export type PickedTarget = { queueId: string } | { agentUsername: string } | { number: string };
/** What the picker holds while the agent chooses (the text is the agent's username or the number). */
export type TargetChoice = { kind: TargetKind; queueId: string; text: string };

export const EMPTY_CHOICE: TargetChoice = { kind: 'queue', queueId: '', text: '' };

export function pickTarget({ kind, queueId, text }: TargetChoice): { ok: true; target: PickedTarget } | { ok: false; message: string } {
  if (kind === 'queue') return queueId ? { ok: true, target: { queueId } } : { ok: false, message: 'Choose a queue.' };
  const value = text.trim();
  if (value === '') return { ok: false, message: kind === 'agent' ? "Enter the agent's username." : 'Enter the number.' };
  return { ok: true, target: kind === 'agent' ? { agentUsername: value } : { number: value } };
}

/** A queue as the picker lists it: its name and who is available there to take the work. */
export function queueChoiceLabel(queue: { name: string; agentsAvailable: number }): string {
  return `${queue.name} (${queue.agentsAvailable} available)`;
}
