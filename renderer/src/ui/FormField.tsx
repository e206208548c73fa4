import { useId, type ReactNode } from 'react';

/** What a FormField passes to its control so the label, error and warning are tied to it. */
export type ControlProps = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

type Props = {
  label: string;
  /** blocks submitting; announced and tied to the control */
  error?: string;
  /** shown but not blocking ("this due date is in the past") */
  warning?: string;
  hint?: string;
  /** "(optional)" / "(required)" after the label */
  marker?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/** A labelled field around any control (select, textarea, date input), with its hint, error and warning. */
export function FormField({ label, error, warning, hint, marker, className, children }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const warningId = `${id}-warning`;
  const describedBy = [hint ? hintId : null, error ? errorId : null, warning ? warningId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {marker && <span className="field-marker"> {marker}</span>}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {warning && (
        <p id={warningId} className="field-warning">
          {warning}
        </p>
      )}
    </div>
  );
}
