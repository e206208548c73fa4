/**
 * One phone rule for every phone field (issue 11): contact.phone on POST /v1/workitems and a chat's
 * customer.phone are normalised to E.164 like a callback's phone, and anything that is not a phone number
 * (`javascript:…`, text) is a 400 with a field error, never stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startScene, type Scene } from './helpers';

let scene: Scene;
beforeAll(async () => {
  scene = await startScene();
});
afterAll(async () => {
  await scene?.close();
});

const NOT_PHONES = ['javascript:alert(1)', 'call me', '<script>', '123', '+1'.padEnd(120, '5')];

describe('phone fields', () => {
  it('contact.phone on POST /v1/workitems is stored as E.164', async () => {
    const item = ok(await scene.sup.createItem({ type: 'task', subject: 'phone', contact: { phone: '(415) 555-0123' } }));
    expect(item.contact.phone).toBe('+14155550123');
  });

  it('refuses what is not a phone number in contact.phone with a field error', async () => {
    for (const phone of NOT_PHONES) {
      const res = await scene.sup.createItem({ type: 'task', subject: 'phone', contact: { phone } });
      expect(res.status, phone).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('contact.phone');
    }
  });

  it('applies the same rule to a chat’s customer.phone', async () => {
    const channel = await scene.login('webchat');
    const bad = await channel.post('/v1/chats', { queueId: 'support', customer: { phone: 'javascript:alert(1)' }, text: 'hi' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('customer.phone');
    const chat = ok(await channel.post('/v1/chats', { queueId: 'support', customer: { phone: '415 555 0123' }, text: 'hi' }));
    expect(chat.contact.phone).toBe('+14155550123');
  });
});
