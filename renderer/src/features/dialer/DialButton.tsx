import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { DIAL_BUTTON_ID, DIALER_PANEL_ID } from './dialNumber';
import { dialerOpened } from './dialerEvents';
import { selectDialer } from './dialerSlice';

/** The header's Dial button: opens an empty dialer (a `tel:` link opens it with a number). */
export function DialButton() {
  const dispatch = useAppDispatch();
  const { open } = useAppSelector(selectDialer);
  return (
    <button
      id={DIAL_BUTTON_ID}
      type="button"
      className="button dial-button"
      data-shortcut="dial"
      aria-expanded={open}
      aria-controls={open ? DIALER_PANEL_ID : undefined}
      onClick={() => dispatch(dialerOpened())}
    >
      <span className="dial-icon" aria-hidden="true">☎</span> Dial
    </button>
  );
}
