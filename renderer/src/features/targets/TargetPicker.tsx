import { useId } from 'react';
import { useListQueuesQuery } from '../../app/switchboardApi';
import { TextField } from '../../ui/TextField';
import { queueChoiceLabel, type TargetChoice, type TargetKind } from './pickTarget';

const KIND_LABELS: Record<TargetKind, string> = { queue: 'A queue', agent: 'An agent', number: 'A number' };

/**
 * The one target picker of the Transfer and Reassign dialogs: the kind of target, then a queue (each with
 * how many agents are available there) or the agent's username or a number. Controlled: the dialog keeps
 * the choice and turns it into a request with pickTarget.
 */
export function TargetPicker({ legend, kinds, choice, onChange }: { legend: string; kinds: readonly TargetKind[]; choice: TargetChoice; onChange: (choice: TargetChoice) => void }) {
  const { data: queues } = useListQueuesQuery();
  const id = useId();
  return (
    <>
      <fieldset className="transfer-kinds">
        <legend>{legend}</legend>
        {kinds.map((kind) => (
          <label key={kind}>
            <input type="radio" name={`${id}-kind`} value={kind} checked={choice.kind === kind} onChange={() => onChange({ ...choice, kind, text: '' })} /> {KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      {choice.kind === 'queue' ? (
        <div className="field">
          <label htmlFor={`${id}-queue`}>Queue</label>
          <select id={`${id}-queue`} value={choice.queueId} onChange={(event) => onChange({ ...choice, queueId: event.target.value })}>
            <option value="">Choose a queue…</option>
            {(queues ?? []).map((queue) => (
              <option key={queue.queueId} value={queue.queueId}>
                {queueChoiceLabel(queue)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <TextField
          label={choice.kind === 'agent' ? 'Agent username' : 'Phone number'}
          value={choice.text}
          onChange={(event) => onChange({ ...choice, text: event.target.value })}
        />
      )}
    </>
  );
}
