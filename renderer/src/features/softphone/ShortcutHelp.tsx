import { useAppDispatch } from '../../app/hooks';
import { Modal } from '../../shared/Modal';
import { NEXT_ITEM_SHORTCUT, PREVIOUS_ITEM_SHORTCUT } from '../workspace/openItemKeys';
import { CALL_SHORTCUTS } from './callShortcuts';
import { shortcutHelpClosed } from './softphoneSlice';

/** Shortcuts of the screen, not of calls, listed after the call shortcuts. */
const SCREEN_SHORTCUTS = [
  { keys: NEXT_ITEM_SHORTCUT, label: 'Next item in the work list' },
  { keys: PREVIOUS_ITEM_SHORTCUT, label: 'Previous item in the work list' },
];

/** The keyboard shortcuts (opened with `?`). */
export function ShortcutHelp() {
  const dispatch = useAppDispatch();
  const close = () => dispatch(shortcutHelpClosed());
  return (
    <Modal title="Keyboard shortcuts" onClose={close} testId="shortcut-help">
      <dl className="shortcut-list">
        {[...CALL_SHORTCUTS, ...SCREEN_SHORTCUTS].map((s) => (
          <div key={s.keys} className="shortcut-row">
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
