import { useId, useState, type FormEvent } from 'react';
import type { OperationRequest } from '../../../../common/desktop-api';
import { useListQueuesQuery } from '../../app/switchboardApi';
import { Modal } from '../../shared/Modal';
import { TextField } from '../../shared/TextField';
import { useTransferCallMutation } from './softphoneApi';

type Kind = 'queue' | 'agent' | 'number';
type Target = OperationRequest<'transferCall'>['target'];

/** Where a transfer goes: the target, or what is missing. */
export function transferTarget(kind: Kind, queueId: string, text: string): { ok: true; target: Target } | { ok: false; message: string } {
  const value = text.trim();
  if (kind === 'queue') return queueId ? { ok: true, target: { queueId } } : { ok: false, message: 'Choose a queue.' };
  if (value === '') return { ok: false, message: kind === 'agent' ? "Enter the agent's username." : 'Enter the number.' };
  return { ok: true, target: kind === 'agent' ? { agentUsername: value } : { number: value } };
}

/** Blind transfer of a call to a queue, an agent or a number (with a picker for queues). */
export function TransferDialog({ callId, onClose }: { callId: string; onClose: () => void }) {
  const { data: queues } = useListQueuesQuery();
  const [transfer, { isLoading }] = useTransferCallMutation();
  const [kind, setKind] = useState<Kind>('queue');
  const [queueId, setQueueId] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const queueFieldId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = transferTarget(kind, queueId, text);
    if (!result.ok) return setError(result.message);
    const outcome = await transfer({ callId, target: result.target });
    if ('error' in outcome) setError(`The transfer failed: ${(outcome.error as { message?: string }).message ?? 'unknown error'}`);
    else onClose();
  }

  return (
    <Modal title="Transfer call" onClose={onClose} testId="transfer-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="transfer-kinds">
          <legend>Transfer to</legend>
          {(['queue', 'agent', 'number'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="transfer-kind" value={k} checked={kind === k} onChange={() => { setKind(k); setError(null); }} /> {k === 'queue' ? 'A queue' : k === 'agent' ? 'An agent' : 'A number'}
            </label>
          ))}
        </fieldset>
        {kind === 'queue' ? (
          <div className="field">
            <label htmlFor={queueFieldId}>Queue</label>
            <select id={queueFieldId} value={queueId} onChange={(e) => { setQueueId(e.target.value); setError(null); }}>
              <option value="">Choose a queue…</option>
              {(queues ?? []).map((q) => (
                <option key={q.queueId} value={q.queueId}>
                  {q.name} ({q.agentsAvailable} available)
                </option>
              ))}
            </select>
          </div>
        ) : (
          <TextField label={kind === 'agent' ? 'Agent username' : 'Phone number'} value={text} onChange={(e) => { setText(e.target.value); setError(null); }} />
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={isLoading}>
            {isLoading ? 'Transferring…' : 'Transfer'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
