/**
 * How a conversation's messages combine: by messageId, oldest first. The agent's own message shows
 * first with a local id (the core's optimistic copy); when the platform's copy arrives it takes the
 * local one's place — matched by side and text, the same rule the core's cache uses.
 */
import type { Message } from '../../../../common/api';

export const LOCAL_PREFIX = 'local-';

export function isLocalMessage(message: Pick<Message, 'messageId'>): boolean {
  return message.messageId.startsWith(LOCAL_PREFIX);
}

function byTime(a: Message, b: Message): number {
  // At the same millisecond the platform's messages come before one it has not seen yet.
  return a.at - b.at || Number(isLocalMessage(a)) - Number(isLocalMessage(b));
}

/** `messages` with `incoming` merged in. */
export function mergeMessages(messages: readonly Message[], incoming: readonly Message[]): Message[] {
  const merged = [...messages];
  for (const message of incoming) {
    const same = merged.findIndex((m) => m.messageId === message.messageId);
    if (same >= 0) {
      merged[same] = message;
      continue;
    }
    const local = isLocalMessage(message)
      ? -1
      : merged.findIndex((m) => isLocalMessage(m) && m.from === message.from && m.text === message.text);
    if (local >= 0) merged[local] = message;
    else merged.push(message);
  }
  return merged.sort(byTime);
}

/**
 * The core's answer to listMessages is the whole conversation, pending messages included; what arrived
 * live since it was read stays, and a local message it no longer lists (the platform refused it) goes.
 */
export function replaceConversation(messages: readonly Message[], listed: readonly Message[]): Message[] {
  const arrivedSince = messages.filter((m) => !isLocalMessage(m));
  return mergeMessages(listed, arrivedSince);
}
