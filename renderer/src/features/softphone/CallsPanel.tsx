import { useEffect, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { isTyping } from '../offers/offerKeys';
import { runCallCommand } from './callCommands';
import { callShortcut } from './callShortcuts';
import { CallControls } from './CallControls';
import { useKeymap } from '../shortcuts/useKeymap';
import { ShortcutHelp } from './ShortcutHelp';
import { shortcutHelpToggled } from './softphoneSlice';
import { softphoneApi } from './softphoneApi';
import { isConnected, selectFocusedCall, selectHelpOpen, selectLiveCalls, selectRingingVoiceOffers, selectSoftphoneView } from './softphoneSelectors';
import { TransferDialog } from './TransferDialog';
import './softphone.css';

const REGISTRATION_TEXT = {
  unconfigured: '',
  registering: 'Phone: connecting…',
  registered: 'Phone: ready for calls',
  reconnecting: 'Phone: reconnecting… (calls are kept)',
  failed: 'Phone: not available',
} as const;

/**
 * The calls of the selected interaction (and direct calls, which have no work item) with their controls;
 * the call shortcuts, which act on the focused call wherever it is shown; and their help overlay.
 */
export function CallsPanel({ selectedId }: { selectedId: string | null }) {
  const dispatch = useAppDispatch();
  const calls = useAppSelector(selectLiveCalls);
  const shown = calls.filter((call) => call.workitemId === null || call.workitemId === selectedId);
  const focused = useAppSelector(selectFocusedCall);
  const offerRinging = useAppSelector(selectRingingVoiceOffers).length > 0;
  const helpOpen = useAppSelector(selectHelpOpen);
  const registration = useAppSelector(selectSoftphoneView)?.registration ?? null;
  const keymap = useKeymap();
  const [keypadFor, setKeypadFor] = useState<string | null>(null);
  const [transferFor, setTransferFor] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = callShortcut(event, isTyping(document.activeElement), offerRinging, keymap);
      if (shortcut === null) return;
      if (shortcut === 'help') {
        event.preventDefault();
        dispatch(shortcutHelpToggled());
        return;
      }
      if (shortcut === 'keypad' || shortcut === 'transfer' || shortcut === 'conference') {
        if (!focused) return;
        event.preventDefault();
        if (shortcut === 'keypad') setKeypadFor((open) => (open === focused.id ? null : focused.id));
        else if (shortcut === 'transfer') setTransferFor(focused.id);
        else {
          const other = calls.find((c) => c.id !== focused.id && isConnected(c));
          if (other && focused.conferencedWith.length === 0) void dispatch(softphoneApi.endpoints.conferenceCalls.initiate({ callId: focused.id, withCallId: other.id }));
        }
        return;
      }
      event.preventDefault();
      dispatch(runCallCommand(shortcut));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, focused, calls, offerRinging, keymap]);

  return (
    <>
      {registration && registration.state !== 'unconfigured' && (
        <p className={`softphone-status status-${registration.state}`} role="status" data-testid="softphone-status" data-state={registration.state}>
          {REGISTRATION_TEXT[registration.state]}
          {registration.state === 'failed' && registration.error ? `: ${registration.error}` : ''}
        </p>
      )}
      {shown.length > 0 && (
        <div className="calls" aria-label="Calls" role="region">
          {shown.map((call) => (
            <CallControls
              key={call.id}
              call={call}
              keypadOpen={keypadFor === call.id}
              onKeypad={(open) => setKeypadFor(open ? call.id : null)}
              onTransfer={() => setTransferFor(call.id)}
            />
          ))}
        </div>
      )}
      {transferFor !== null && <TransferDialog callId={transferFor} onClose={() => setTransferFor(null)} />}
      {helpOpen && <ShortcutHelp />}
    </>
  );
}
