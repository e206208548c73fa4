import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { useDispositionMutation, useListDispositionsQuery } from '../../app/switchboardApi';
import { errorMessage } from '../../ui/apiError';
import { Countdown } from '../../ui/Countdown';
import { useNow } from '../../ui/useNow';
import { KindBadge } from '../inbox/KindBadge';
import { displaySubject } from '../inbox/itemLabels';
import { isTyping } from '../offers/offerKeys';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectWrapUpDraft, wrapUpDraftChanged } from './wrapUpDrafts';

/** Wrap-up: choose a disposition code from the item's queue, add notes, submit before the timer runs out. */
export function WrapUpPanel({ item }: { item: WorkItem }) {
  const { data: dispositions, error: listError, isLoading } = useListDispositionsQuery(item.queueId ? { queueId: item.queueId } : {});
  const [submitDisposition, submitting] = useDispositionMutation();
  // Kept in the store (wrapUpDrafts.ts): switching to another interaction and back keeps them.
  const dispatch = useAppDispatch();
  const { code, notes } = useAppSelector((state) => selectWrapUpDraft(state, item.workitemId));
  const setCode = (value: string) => dispatch(wrapUpDraftChanged({ workitemId: item.workitemId, code: value }));
  const setNotes = (value: string) => dispatch(wrapUpDraftChanged({ workitemId: item.workitemId, notes: value }));
  const [codeError, setCodeError] = useState<string | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const now = useNow(1000);
  const id = useId();
  const titleId = `${id}-title`;

  // Hanging up lands the agent on the disposition choice (never disabled, or focus would fall to the page).
  // Never out of a field the agent is typing in (another chat's reply, say).
  useEffect(() => {
    if (!isTyping(document.activeElement)) selectRef.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (code === '') {
      setCodeError('Choose a disposition');
      selectRef.current?.focus();
      return;
    }
    setCodeError(null);
    const trimmed = notes.trim();
    await submitDisposition({ workitemId: item.workitemId, code, ...(trimmed ? { notes: trimmed } : {}) });
  }

  const autoCode = dispositions?.autoDispositionCode;
  // Only the item's queue's codes, each by its label (the code itself when the config gives none).
  return (
    <section className="card work-panel wrap-up" aria-labelledby={titleId} data-testid="wrap-up" data-workitem-id={item.workitemId}>
      <header className="card-header">
        <h2 id={titleId} className="item-title">
          Wrap-up: <bdi>{displaySubject(item)}</bdi> <KindBadge kind={item.type} />
        </h2>
      </header>
      {item.wrapUpExpiresAt !== null && (
        <Countdown
          deadline={item.wrapUpExpiresAt}
          startedAt={item.terminatedAt}
          now={now}
          label={autoCode ? `Auto-disposition (${autoCode}) in` : 'Time left'}
        />
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-code`}>Disposition</label>
          <select
            id={`${id}-code`}
            ref={selectRef}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-busy={isLoading || undefined}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? `${id}-code-error` : undefined}
          >
            <option value="">{isLoading ? 'Loading codes…' : 'Choose a disposition'}</option>
            {dispositions?.codes.map((c) => (
              <option key={c} value={c}>
                {dispositions.labels?.[c] ?? c}
              </option>
            ))}
          </select>
          {codeError && <p id={`${id}-code-error`} className="field-error">{codeError}</p>}
          {listError && <p className="field-error">Could not load the codes: {errorMessage(listError)}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>Notes</label>
          <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} maxLength={20_000} />
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={submitting.isLoading}>
            {submitting.isLoading ? 'Submitting…' : 'Submit'}
          </button>
        </div>
      </form>
    </section>
  );
}
