import { useId, useState, type FormEvent } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { useListQueuesQuery, useTransferMutation } from '../../app/switchboardApi';
import { errorMessage } from '../../shared/apiError';
import { Modal } from '../../shared/Modal';
import { TextField } from '../../shared/TextField';
import { reassignTarget, type ReassignKind } from './reassignTarget';

/**
 * Hands a task on to one of the agent's queues (with how many agents are available there) or to a named
 * agent. The platform decides what this agent may do and says so when it refuses (docs/security.md).
 */
export function ReassignDialog({ item, onClose }: { item: WorkItem; onClose: () => void }) {
  const { data: queues } = useListQueuesQuery();
  const [transfer, { isLoading }] = useTransferMutation();
  const [kind, setKind] = useState<ReassignKind>('queue');
  const [queueId, setQueueId] = useState('');
  const [agent, setAgent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const queueFieldId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = reassignTarget(kind, queueId, agent);
    if (!result.ok) return setError(result.message);
    const outcome = await transfer({ workitemId: item.workitemId, target: result.target });
    if ('error' in outcome) setError(`The task was not reassigned: ${errorMessage(outcome.error) ?? 'unknown error'}`);
    else onClose();
  }

  return (
    <Modal title="Reassign task" onClose={onClose} testId="reassign-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="transfer-kinds">
          <legend>Reassign to</legend>
          {(['queue', 'agent'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="reassign-kind" value={k} checked={kind === k} onChange={() => { setKind(k); setError(null); }} /> {k === 'queue' ? 'A queue' : 'An agent'}
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
          <TextField label="Agent username" value={agent} onChange={(e) => { setAgent(e.target.value); setError(null); }} />
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary" disabled={isLoading}>{isLoading ? 'Reassigning…' : 'Reassign'}</button>
        </div>
      </form>
    </Modal>
  );
}
