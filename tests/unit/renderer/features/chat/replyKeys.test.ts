import { describe, expect, it } from 'vitest';
import { replyText, sendsReply } from '../../../../../renderer/src/features/chat/replyKeys';

const key = (key: string, extra: Partial<{ shiftKey: boolean; altKey: boolean; isComposing: boolean }> = {}) => ({
  key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, isComposing: false, ...extra,
});

describe('reply keys', () => {
  it('Enter sends; Shift+Enter, Alt+Enter and Enter while composing do not', () => {
    expect(sendsReply(key('Enter'))).toBe(true);
    expect(sendsReply(key('Enter', { shiftKey: true }))).toBe(false);
    expect(sendsReply(key('Enter', { altKey: true }))).toBe(false);
    expect(sendsReply(key('Enter', { isComposing: true }))).toBe(false);
    expect(sendsReply(key('a'))).toBe(false);
  });

  it('sends the trimmed text, and nothing for an empty or blank draft', () => {
    expect(replyText('  Hi there \n')).toBe('Hi there');
    expect(replyText('line one\nline two')).toBe('line one\nline two');
    expect(replyText('')).toBeNull();
    expect(replyText(' \n\t ')).toBeNull();
  });
});
