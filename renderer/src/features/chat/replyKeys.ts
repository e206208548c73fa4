/** The reply box's keys: Enter sends, Shift+Enter starts a new line (as in every chat client). */
export type ReplyKey = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey' | 'isComposing'>;

export function sendsReply(event: ReplyKey): boolean {
  // While an input method composes (Japanese, Chinese), Enter confirms the composition, not the message.
  return event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing;
}

/** The text to send, or null when there is nothing to send. */
export function replyText(draft: string): string | null {
  const text = draft.trim();
  return text === '' ? null : text;
}
