import { useEffect, useRef } from 'react';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The DTMF keypad: buttons, and the same digits typed on the keyboard while it has focus. */
export function Keypad({ onTone, onClose }: { onTone: (tone: string) => void; onClose: () => void }) {
  const groupRef = useRef<HTMLDivElement>(null);
  useEffect(() => groupRef.current?.querySelector('button')?.focus(), []);
  return (
    <div
      ref={groupRef}
      className="keypad"
      role="group"
      aria-label="Keypad"
      data-testid="keypad"
      onKeyDown={(event) => {
        if ((KEYS as readonly string[]).includes(event.key)) {
          event.preventDefault();
          onTone(event.key);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      {KEYS.map((key) => (
        <button key={key} type="button" className="button keypad-key" onClick={() => onTone(key)} aria-label={`Tone ${key}`}>
          {key}
        </button>
      ))}
    </div>
  );
}
