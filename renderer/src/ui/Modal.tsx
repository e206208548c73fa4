import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { trapTab } from './focusTrap';

type Props = {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** where focus starts; the first focusable element when not given */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  testId?: string;
};

/**
 * A modal dialog: labelled by its title, Tab kept inside, Escape closes, and focus goes back to where it
 * was (the button that opened it) when it closes. Offer toasts stay above it: a ring must never be hidden
 * behind a form.
 */
export function Modal({ title, onClose, children, initialFocus, className, testId }: Props) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = `${useId()}-title`;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The first field, not the header's Close button: the agent opened the dialog to fill it in.
    const dialog = dialogRef.current;
    const start = initialFocus?.current ?? dialog?.querySelector<HTMLElement>('input, select, textarea') ?? dialog?.querySelector<HTMLElement>('button');
    (start ?? dialog)?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
    // Once per opening: a later change of the initial-focus ref must not move focus again.
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (dialogRef.current && trapTab(event, dialogRef.current)) {
      event.preventDefault();
    }
  }

  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className={className ? `modal ${className}` : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="button quiet small modal-close" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        {children}
      </div>
    </div>,
    document.body,
  );
}
