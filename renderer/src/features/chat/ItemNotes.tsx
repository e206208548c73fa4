import { useId, type FormEvent } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { errorMessage } from '../../ui/apiError';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useNow } from '../../ui/useNow';
import './chat.css';
import { activityEntries } from './activity';
import { useAddNoteMutation } from './chatApi';
import { selectTextDraft, textDraftChanged } from './textDrafts';
import { timeLabel } from './timeLabel';

/** "Add note" on the active item (its draft kept per item, textDrafts.ts), and its activity log (notes among the rest): what, who, when. */
export function ItemNotes({ item }: { item: WorkItem }) {
  const dispatch = useAppDispatch();
  const draft = useAppSelector((state) => selectTextDraft(state, item.workitemId, 'note'));
  const setDraft = (text: string) => dispatch(textDraftChanged({ workitemId: item.workitemId, kind: 'note', text }));
  const [addNote, adding] = useAddNoteMutation();
  const now = useNow(60_000);
  const id = useId();
  const text = draft.trim();
  const entries = activityEntries(item);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text === '') return;
    const result = await addNote({ workitemId: item.workitemId, text });
    if (!('error' in result)) setDraft('');
  }

  return (
    <div className="item-notes" data-testid="item-notes">
      <form className="note-box" onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${id}-note`}>Add note</label>
        <div className="reply-row">
          <textarea id={`${id}-note`} rows={2} value={draft} maxLength={20_000} onChange={(event) => setDraft(event.target.value)} />
          <button type="submit" className="button" disabled={text === '' || adding.isLoading}>
            Add note
          </button>
        </div>
        {adding.error && <p className="field-error" role="alert">The note was not added: {errorMessage(adding.error)}</p>}
      </form>
      {entries.length > 0 && (
        <details className="activity" open>
          <summary>Activity ({entries.length})</summary>
          <ol className="activity-list" data-testid="activity-list">
            {entries.map((entry) => (
              <li key={entry.key} className={`activity-entry activity-${entry.label === 'Note' ? 'note' : 'event'}`} data-testid="activity-entry">
                <span className="activity-type">{entry.label}</span> <span className="activity-who">{entry.who}</span>{' '}
                <time className="muted" dateTime={new Date(entry.at).toISOString()}>{timeLabel(entry.at, now)}</time>
                {entry.text !== null && <p className="activity-text">{entry.text}</p>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
