/** The softphone's boundary schemas (common/softphone-api.ts): what the media bridge and the operations accept. */
import { describe, expect, it } from 'vitest';
import { DESKTOP_EVENTS, DESKTOP_OPERATIONS } from '../../../common/desktop-api';
import {
  DtmfTonesSchema,
  MEDIA_ANSWER_SCHEMAS,
  MediaRequestEnvelopeSchema,
  MediaRequestSchema,
  SOFTPHONE_EVENTS,
  SOFTPHONE_OPERATIONS,
} from '../../../common/softphone-api';

describe('softphone api', () => {
  it('is part of the desktop API: every softphone operation and event is in the merged lists', () => {
    for (const name of Object.keys(SOFTPHONE_OPERATIONS)) expect(DESKTOP_OPERATIONS).toHaveProperty(name);
    for (const name of Object.keys(SOFTPHONE_EVENTS)) expect(DESKTOP_EVENTS).toHaveProperty(name);
  });

  it('has an answer schema for every kind of media request', () => {
    const kinds = MediaRequestSchema.options.map((option) => option.shape.kind.value).sort();
    expect(Object.keys(MEDIA_ANSWER_SCHEMAS).sort()).toEqual(kinds);
  });

  it('accepts keypad tones and refuses anything else', () => {
    for (const tones of ['1', '0123456789', '*#', 'ABCD', 'a,1']) expect(DtmfTonesSchema.safeParse(tones).success, tones).toBe(true);
    for (const tones of ['', 'E', '1 2', '12;rm -rf', '1'.repeat(41)]) expect(DtmfTonesSchema.safeParse(tones).success, tones).toBe(false);
  });

  it('refuses a media request of an unknown kind, with extra fields, or with an oversized SDP', () => {
    expect(MediaRequestSchema.safeParse({ kind: 'eval', callId: 'call_1' }).success).toBe(false);
    expect(MediaRequestSchema.safeParse({ kind: 'close', callId: 'call_1', extra: 1 }).success).toBe(false);
    expect(MediaRequestSchema.safeParse({ kind: 'setDescription', callId: 'call_1', sdp: 'v'.repeat(64 * 1024 + 1), hold: false }).success).toBe(false);
    expect(MediaRequestEnvelopeSchema.safeParse({ engineId: 'e', requestId: 'r', request: { kind: 'rollback', callId: 'call_1' } }).success).toBe(true);
  });

  it('checks the answers the renderer sends back', () => {
    const answer = DESKTOP_OPERATIONS.answerMediaRequest.request;
    expect(answer.safeParse({ requestId: 'mr_1', result: { ok: true, answer: { sdp: 'v=0', type: 'answer' } } }).success).toBe(true);
    expect(answer.safeParse({ requestId: 'mr_1', result: { ok: false, error: { code: 'MICROPHONE_DENIED', message: 'no' } } }).success).toBe(true);
    expect(answer.safeParse({ requestId: 'mr_1', result: { ok: 'yes' } }).success).toBe(false);
    expect(MEDIA_ANSWER_SCHEMAS.getDescription.safeParse({ sdp: '', type: 'answer' }).success).toBe(false);
    expect(MEDIA_ANSWER_SCHEMAS.sendDtmf.safeParse({ sent: 'yes' }).success).toBe(false);
  });
});
