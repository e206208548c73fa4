/** Where the softphone writes what it dropped, refused or retried; tests collect it, main prints it. */
export interface SoftphoneLog {
  info(message: string): void;
  warn(message: string): void;
}

export const CONSOLE_LOG: SoftphoneLog = {
  info: (message) => console.info(`[softphone] ${message}`),
  warn: (message) => console.warn(`[softphone] ${message}`),
};

/** A short, printable excerpt of untrusted text for a log line (no control characters, bounded). */
export function excerpt(text: string, max = 80): string {
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\r' || c === '\n' ? '⏎' : '?'));
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
