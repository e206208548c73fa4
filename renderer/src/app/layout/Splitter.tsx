import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { PANE_LIMITS, type Pane } from './paneWidths';

const KEY_STEP = 16;

type Props = { pane: Pane; label: string; width: number; onResize: (width: number) => void };

/**
 * The handle between two regions: drag it, or focus it and use ←/→ (Home/End for the limits). The left
 * pane grows to the right, the right pane grows to the left. A separator with a value, as WAI-ARIA's
 * window-splitter pattern describes, so screen readers say how wide the pane is.
 */
export function Splitter({ pane, label, width, onResize }: Props) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const direction = pane === 'left' ? 1 : -1;
  const { min, max } = PANE_LIMITS[pane];

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    drag.current = { startX: event.clientX, startWidth: width };
    event.currentTarget.setPointerCapture(event.pointerId);
  }
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!drag.current) return;
    onResize(drag.current.startWidth + direction * (event.clientX - drag.current.startX));
  }
  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    drag.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next =
      event.key === 'ArrowRight' ? width + direction * KEY_STEP
      : event.key === 'ArrowLeft' ? width - direction * KEY_STEP
      : event.key === 'Home' ? min
      : event.key === 'End' ? max
      : null;
    if (next === null) return;
    event.preventDefault();
    onResize(next);
  }

  return (
    <div
      className={`splitter splitter-${pane}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
