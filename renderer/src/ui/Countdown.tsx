import { URGENT_SECONDS, formatCountdown, fractionLeft, secondsLeft } from './countdown';

type Props = { deadline: number; startedAt: number | null; now: number; label: string };

/** m:ss to a deadline with a bar; turns urgent in the last seconds. The clock comes from `useNow`. */
export function Countdown({ deadline, startedAt, now, label }: Props) {
  const seconds = secondsLeft(deadline, now);
  const urgent = seconds <= URGENT_SECONDS;
  return (
    <div className={urgent ? 'countdown countdown-urgent' : 'countdown'} data-testid="countdown">
      <span className="countdown-label">{label}</span>
      <span className="countdown-time" aria-label={`${seconds} seconds`}>
        {formatCountdown(seconds)}
      </span>
      <progress className="countdown-bar" max={1} value={fractionLeft(startedAt, deadline, now)} aria-hidden="true" />
    </div>
  );
}
