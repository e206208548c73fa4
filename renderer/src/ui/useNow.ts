import { useEffect, useState } from 'react';

/** The current time, re-rendering every `intervalMs`: the clock for countdowns lives here, not in Redux. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
