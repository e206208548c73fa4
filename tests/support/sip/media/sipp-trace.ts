/**
 * Reads SIPp's `-trace_msg` log: every message sent or received with SIPp's wall-clock time, so a benchmark
 * can put SIPp's moments (INVITE sent, 200 OK received) on the same clock as its own (performance.timeOrigin
 * + performance.now(), also wall-clock, on the same machine).
 */
import { readFileSync } from 'node:fs';

export type TracedMessage = {
  /** Milliseconds since the epoch, microsecond precision. */
  at: number;
  direction: 'sent' | 'received';
  /** The start line: `INVITE sip:…` or `SIP/2.0 200 OK`. */
  startLine: string;
  callId: string;
  cseqMethod: string;
};

const SEPARATOR = /^-{20,} (\d{4}-\d{2}-\d{2})[ \t](\d{2}:\d{2}:\d{2})\.(\d{6})\s*$/m;

export function readSippTrace(path: string): TracedMessage[] {
  const text = readFileSync(path, 'utf8');
  const messages: TracedMessage[] = [];
  const blocks = text.split(/^(?=-{20,} \d{4}-)/m);
  for (const block of blocks) {
    const head = SEPARATOR.exec(block);
    if (!head) continue;
    const lines = block.split(/\r?\n/);
    const kind = lines[1] ?? '';
    const direction = /message sent/i.test(kind) ? 'sent' : /message received/i.test(kind) ? 'received' : undefined;
    if (!direction) continue;
    const startLine = lines.slice(2).find((line) => line.trim() !== '') ?? '';
    const callId = /^Call-ID:\s*(.+?)\s*$/im.exec(block)?.[1] ?? '';
    const cseqMethod = /^CSeq:\s*\d+\s+(\S+)/im.exec(block)?.[1] ?? '';
    // SIPp writes local time; Date parses the ISO form without an offset as local time too.
    const at = new Date(`${head[1]}T${head[2]}`).getTime() + Number(head[3]) / 1000;
    messages.push({ at, direction, startLine: startLine.trim(), callId, cseqMethod });
  }
  return messages;
}

/** The first message per Call-ID matching PREDICATE, keyed by Call-ID, in trace order. */
export function firstPerCall(messages: TracedMessage[], predicate: (m: TracedMessage) => boolean): Map<string, TracedMessage> {
  const found = new Map<string, TracedMessage>();
  for (const m of messages) if (predicate(m) && !found.has(m.callId)) found.set(m.callId, m);
  return found;
}
