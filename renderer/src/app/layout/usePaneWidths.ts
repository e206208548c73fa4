import { useCallback, useEffect, useState } from 'react';
import { clampWidth, fitWidths, readWidths, writeWidths, type Pane, type PaneWidths } from './paneWidths';

/** The remembered pane widths, fitted to the window as it is resized; `resize` changes and stores one. */
export function usePaneWidths(): { widths: PaneWidths; resize: (pane: Pane, width: number) => void } {
  const [stored, setStored] = useState<PaneWidths>(() => readWidths(window.localStorage));
  const [viewport, setViewport] = useState(() => window.innerWidth);

  useEffect(() => {
    const onResize = () => setViewport(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const resize = useCallback((pane: Pane, width: number) => {
    setStored((current) => {
      const next = { ...current, [pane]: clampWidth(pane, width) };
      writeWidths(window.localStorage, next);
      return next;
    });
  }, []);

  return { widths: fitWidths(stored, viewport), resize };
}
