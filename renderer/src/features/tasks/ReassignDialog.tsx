import { useState, type FormEvent } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { useTransferMutation } from '../../app/switchboardApi';
import { errorMessage } from '../../ui/apiError';
import { Modal } from '../../ui/Modal';
import { EMPTY_CHOICE, pickTarget, type TargetChoice } from '../targets/pickTarget';
import { TargetPicker } from '../targets/TargetPicker';

/**
 * Hands a task on to one of the agent's queues (with how many agents are available there) or to a named
 * agent (TargetPicker). The platform decides what this agent may do and says so when it refuses (docs/security.md).
 */
export function ReassignDialog({ item, onClose }: { item: WorkItem; onClose: () => void }) {
  const [transfer, { isLoading }] = useTransferMutation();
  const [choice, setChoice] = useState<TargetChoice>(EMPTY_CHOICE);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = pickTarget(choice);
    if (!result.ok) return setError(result.message);
    // A task has no number to go to: the picker offers only queues and agents.
    if ('number' in result.target) return setError('Choose a queue or an agent.');
    const outcome = await transfer({ workitemId: item.workitemId, target: result.target });
    if ('error' in outcome) setError(`The task was not reassigned: ${errorMessage(outcome.error) ?? 'unknown error'}`);
    else onClose();
  }

  return (
    <Modal title="Reassign task" onClose={onClose} testId="reassign-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TargetPicker legend="Reassign to" kinds={['queue', 'agent']} choice={choice} onChange={(next) => { setChoice(next); setError(null); }} />
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary" disabled={isLoading}>{isLoading ? 'Reassigning…' : 'Reassign'}</button>
        </div>
      </form>
    </Modal>
  );
}
