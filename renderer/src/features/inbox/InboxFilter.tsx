import { useId, useState, type FormEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { filterApplied } from './inboxEvents';
import { selectInboxQuery } from './inboxSelectors';

/** A filter in the query language (`state:active AND priority:1`); the core evaluates it. */
export function InboxFilter({ error }: { error: string | null }) {
  const dispatch = useAppDispatch();
  const applied = useAppSelector(selectInboxQuery);
  const [text, setText] = useState(applied);
  const id = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    dispatch(filterApplied(text));
  }
  function clear() {
    setText('');
    dispatch(filterApplied(''));
  }

  return (
    <form className="filter" role="search" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Filter the inbox
      </label>
      <input
        id={id}
        type="search"
        data-shortcut="focus-search"
        value={text}
        placeholder="Filter, e.g. state:active"
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="button">Apply</button>
      {applied !== '' && (
        <button type="button" className="button quiet" onClick={clear}>
          Clear
        </button>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error filter-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
