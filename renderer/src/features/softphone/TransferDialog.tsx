import { useState, type FormEvent } from 'react';
import type { OperationRequest } from '../../../../common/desktop-api';
import { Modal } from '../../ui/Modal';
import { EMPTY_CHOICE, pickTarget, type TargetChoice } from '../targets/pickTarget';
import { TargetPicker } from '../targets/TargetPicker';
import { useTransferCallMutation } from './softphoneApi';

type Target = OperationRequest<'transferCall'>['target'];

/** Blind transfer of a call to a queue, an agent or a number (TargetPicker). */
export function TransferDialog({ callId, onClose }: { callId: string; onClose: () => void }) {
  const [transfer, { isLoading }] = useTransferCallMutation();
  const [choice, setChoice] = useState<TargetChoice>(EMPTY_CHOICE);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = pickTarget(choice);
    if (!result.ok) return setError(result.message);
    const outcome = await transfer({ callId, target: result.target satisfies Target });
    if ('error' in outcome) setError(`The transfer failed: ${(outcome.error as { message?: string }).message ?? 'unknown error'}`);
    else onClose();
  }

  return (
    <Modal title="Transfer call" onClose={onClose} testId="transfer-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TargetPicker legend="Transfer to" kinds={['queue', 'agent', 'number']} choice={choice} onChange={(next) => { setChoice(next); setError(null); }} />
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
