import { useAppDispatch } from '../../app/hooks';
import { Modal } from '../../shared/Modal';
import { CALL_SHORTCUTS } from './callShortcuts';
import { shortcutHelpClosed } from './softphoneSlice';

/** The keyboard shortcuts for calls (opened with `?`). */
export function ShortcutHelp() {
  const dispatch = useAppDispatch();
  const close = () => dispatch(shortcutHelpClosed());
  return (
    <Modal title="Keyboard shortcuts" onClose={close} testId="shortcut-help">
      <dl className="shortcut-list">
        {CALL_SHORTCUTS.map((s) => (
          <div key={s.shortcut} className="shortcut-row">
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
      <div className="modal-actions">
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
