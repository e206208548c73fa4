import { useAppSelector } from '../../app/hooks';
import { useSetPresenceMutation } from '../../app/switchboardApi';
import { selectPresence } from './presenceSlice';
import { isRona } from './reasonCodes';

/** A missed offer, said plainly, with the one action that puts the agent back in line. */
export function RonaBanner() {
  const presence = useAppSelector(selectPresence);
  const [setPresence, { isLoading }] = useSetPresenceMutation();
  if (!isRona(presence)) return null;
  return (
    <div className="rona-banner" role="alert" data-testid="rona-banner">
      <span>You missed an offer — you are Not Ready (RONA). No more work is offered until you are available.</span>
      <button type="button" className="button primary small" disabled={isLoading} onClick={() => void setPresence({ state: 'available' })}>
        Become available
      </button>
    </div>
  );
}
