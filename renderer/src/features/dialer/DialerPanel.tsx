import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useCreateTaskMutation } from '../../app/switchboardApi';
import { DEFAULT_PHONE_REGION } from '../../../../common/phone';
import { errorMessage } from '../../ui/apiError';
import { selectAgent } from '../session/sessionSlice';
import { DIAL_BUTTON_ID, DIALER_PANEL_ID, checkDialNumber, outboundCallRequest } from './dialNumber';
import { dialerClosed } from './dialerEvents';
import { selectDialer } from './dialerSlice';

/** The dialer: a number (typed, or from a `tel:`/`sip:` link) checked as E.164, then Call. */
export function DialerPanel() {
  const dialer = useAppSelector(selectDialer);
  if (!dialer.open) return null;
  // A new opening (another tel: link) starts a fresh form with its number.
  return <DialerForm key={dialer.request} initialNumber={dialer.number} />;
}

function DialerForm({ initialNumber }: { initialNumber: string }) {
  const dispatch = useAppDispatch();
  const agent = useAppSelector(selectAgent);
  const [createTask, { isLoading }] = useCreateTaskMutation();
  const [number, setNumber] = useState(initialNumber);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => inputRef.current?.focus(), []);

  function close() {
    dispatch(dialerClosed());
    document.getElementById(DIAL_BUTTON_ID)?.focus();
  }

  async function call(event: FormEvent) {
    event.preventDefault();
    const checked = checkDialNumber(number);
    if (!checked.ok) {
      setError(checked.message);
      inputRef.current?.focus();
      return;
    }
    if (!agent) return;
    setError(null);
    setNumber(checked.e164);
    const result = await createTask(outboundCallRequest(checked.e164, agent.username));
    if (result.error) {
      setError(errorMessage(result.error));
      inputRef.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  const errorId = `${id}-error`;
  return (
    <section id={DIALER_PANEL_ID} className="card dialer" aria-labelledby={`${id}-title`} data-testid="dialer" onKeyDown={onKeyDown}>
      <header className="card-header">
        <h2 id={`${id}-title`}>Dialer</h2>
        <button type="button" className="button quiet small" onClick={close} aria-label="Close the dialer">
          ×
        </button>
      </header>
      <form className="dialer-form" onSubmit={(event) => void call(event)} noValidate>
        <div className="field">
          <label htmlFor={id}>Number to call</label>
          <input
            id={id}
            ref={inputRef}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            spellCheck={false}
            placeholder="+14155550123"
            value={number}
            onChange={(event) => {
              setNumber(event.target.value);
              if (error) setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : `${id}-hint`}
          />
          {error ? (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          ) : (
            <p id={`${id}-hint`} className="field-hint">
              Include the country code; a number without one is read as a {DEFAULT_PHONE_REGION} number.
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button call" disabled={isLoading || !agent}>
            {isLoading ? 'Calling…' : 'Call'}
          </button>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
