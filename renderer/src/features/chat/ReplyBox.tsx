import { useId, type FormEvent, type KeyboardEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { replyText, sendsReply } from './replyKeys';
import { selectTextDraft, textDraftChanged } from './textDrafts';

/**
 * The agent's reply: Enter sends, Shift+Enter adds a line; Send stays disabled while there is nothing to send.
 * The draft is the item's (textDrafts.ts): switching to another interaction and back keeps it.
 */
export function ReplyBox({ workitemId, onSend, disabled = false }: { workitemId: string; onSend: (text: string) => void; disabled?: boolean }) {
  const dispatch = useAppDispatch();
  const draft = useAppSelector((state) => selectTextDraft(state, workitemId, 'reply'));
  const setDraft = (text: string) => dispatch(textDraftChanged({ workitemId, kind: 'reply', text }));
  const id = useId();
  const text = replyText(draft);

  function send() {
    if (text === null || disabled) return;
    onSend(text);
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!sendsReply(event.nativeEvent)) return;
    event.preventDefault();
    send();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    send();
  }

  return (
    <form className="reply-box" onSubmit={onSubmit}>
      <label htmlFor={`${id}-reply`}>Reply</label>
      <div className="reply-row">
        <textarea
          id={`${id}-reply`}
          rows={2}
          value={draft}
          maxLength={20_000}
          placeholder="Type a reply · Enter to send, Shift+Enter for a new line"
          aria-describedby={`${id}-hint`}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button primary" disabled={text === null || disabled}>
          Send
        </button>
      </div>
      <p id={`${id}-hint`} className="visually-hidden">
        Enter sends the reply; Shift+Enter starts a new line.
      </p>
    </form>
  );
}
