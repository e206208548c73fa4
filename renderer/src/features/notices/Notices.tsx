import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { noticeDismissed, selectNotices } from './noticesSlice';

/**
 * Refusals and withdrawals, newest last, in the bottom-left corner. The strip is part of the page, not
 * floating over it, and its height is published as `--notices-height` so open dialogs sit above it:
 * a notice never covers a dialog or a control. Each leaves after its time unless the agent is pointing
 * at or focused in the strip; the region is live so screen readers hear them.
 */
export function Notices() {
  const notices = useAppSelector(selectNotices);
  const dispatch = useAppDispatch();
  const ref = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;
  // When each notice must leave: set when it first shows, pushed back while the strip is paused.
  const deadlines = useRef(new Map<string, number>());

  useEffect(() => {
    const now = Date.now();
    for (const notice of notices) {
      if (paused || !deadlines.current.has(notice.id)) deadlines.current.set(notice.id, now + notice.ttlMs);
    }
    if (paused) return;
    const timers = notices.map((notice) => setTimeout(() => dispatch(noticeDismissed(notice.id)), (deadlines.current.get(notice.id) ?? now) - now));
    return () => timers.forEach(clearTimeout);
  }, [notices, paused, dispatch]);

  useLayoutEffect(() => {
    const strip = ref.current;
    if (!strip) return;
    const publish = () => document.documentElement.style.setProperty('--notices-height', `${strip.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(strip);
    return () => {
      observer.disconnect();
      document.documentElement.style.removeProperty('--notices-height');
    };
  }, []);

  return (
    <div
      ref={ref}
      className="notices"
      aria-live="polite"
      aria-label="Notices"
      role="region"
      data-testid="notices"
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => setFocused(ref.current?.contains(event.relatedTarget) ?? false)}
    >
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span>{notice.message}</span>
          <button type="button" className="button quiet small" onClick={() => dispatch(noticeDismissed(notice.id))} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
