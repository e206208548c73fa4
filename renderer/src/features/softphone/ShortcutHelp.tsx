import { useAppDispatch } from '../../app/hooks';
import { Modal } from '../../ui/Modal';
import { SHORTCUT_ACTIONS, SHORTCUT_LABELS } from '../shortcuts/keymap';
import { useKeymap } from '../shortcuts/useKeymap';
import { shortcutHelpClosed } from './softphoneSlice';

/** The keyboard shortcuts in force (opened with `?`), remapped ones included; Settings → Keyboard shortcuts changes them. */
export function ShortcutHelp() {
  const dispatch = useAppDispatch();
  const keymap = useKeymap();
  const close = () => dispatch(shortcutHelpClosed());
  return (
    <Modal title="Keyboard shortcuts" onClose={close} testId="shortcut-help">
      <dl className="shortcut-list">
        {SHORTCUT_ACTIONS.map((action) => (
          <div key={action} className="shortcut-row" data-action={action}>
            <dt>
              <kbd>{keymap[action].keys}</kbd>
            </dt>
            <dd>{SHORTCUT_LABELS[action]}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Change them in Settings → Keyboard shortcuts.</p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
