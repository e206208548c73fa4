import { describe, expect, it } from 'vitest';
import { displayLines, parseDraft, sameDraft, toDraft } from '../../../../../renderer/src/features/settings/settingDraft';
import { definitionForUnknown, knownSetting } from '../../../../../renderer/src/features/settings/settingsCatalog';

const setting = (key: string) => {
  const definition = knownSetting(key);
  if (!definition) throw new Error(`no catalogue entry for ${key}`);
  return definition;
};

describe('toDraft and parseDraft', () => {
  it('round-trips every kind of value', () => {
    const cases: [string, unknown][] = [
      ['sipWsUrl', 'wss://sip.example.com:8443'],
      ['ringerDevice', 'headset-1'],
      ['updateChannel', 'beta'],
      ['updatesDisabled', true],
      ['featuresDisabled', ['chat', 'sms']],
      ['iceServers', [{ urls: ['turns:turn.example.com:5349'], username: 'agents', credential: 'secret' }]],
    ];
    for (const [key, value] of cases) {
      expect(parseDraft(setting(key), toDraft(setting(key), value)), key).toEqual({ ok: true, value });
    }
  });

  it('shows an unset setting as an empty editor and stores an emptied one as null', () => {
    expect(toDraft(setting('sipWsUrl'), undefined)).toBe('');
    expect(toDraft(setting('updatesDisabled'), undefined)).toBe(false);
    expect(toDraft(setting('featuresDisabled'), undefined)).toEqual([]);
    expect(parseDraft(setting('sipWsUrl'), '   ')).toEqual({ ok: true, value: null });
    expect(parseDraft(setting('iceServers'), '')).toEqual({ ok: true, value: null });
  });

  it('trims text', () => {
    expect(parseDraft(setting('ringerDevice'), '  default ')).toEqual({ ok: true, value: 'default' });
  });

  it('refuses an address with the wrong scheme, naming the schemes it takes', () => {
    expect(parseDraft(setting('sipWsUrl'), 'https://sip.example.com')).toEqual({ ok: false, message: 'The address must start with wss:// or ws://.' });
    expect(parseDraft(setting('platformUrl'), 'switchboard.example.com')).toEqual({ ok: false, message: 'Enter a full address starting with https:// or http://.' });
    expect(parseDraft(setting('updateUrl'), 'http://updates.example.com')).toMatchObject({ ok: false, message: expect.stringContaining('https://') });
  });

  it('refuses an update channel that does not exist', () => {
    expect(parseDraft(setting('updateChannel'), 'nightly')).toEqual({ ok: false, message: 'Choose one of latest, beta, alpha.' });
  });

  it('checks ICE servers by the policy file rules, naming the server at fault', () => {
    const ice = setting('iceServers');
    expect(parseDraft(ice, '{')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
    expect(parseDraft(ice, '{"urls": "stun:x"}')).toMatchObject({ ok: false, message: expect.stringMatching(/JSON list/) });
    expect(parseDraft(ice, '[{"urls": "stun:a"}, {"urls": "http://b"}]')).toEqual({ ok: false, message: 'Server 2: "urls" must be a stun:/turn: URL or a list of them.' });
    expect(parseDraft(ice, '[{"urls": []}]')).toMatchObject({ ok: false, message: expect.stringMatching(/^Server 1: "urls"/) });
    expect(parseDraft(ice, '[{"urls": "turn:a", "user": "x"}]')).toEqual({ ok: false, message: 'Server 1: unknown key "user".' });
    expect(parseDraft(ice, '[{"urls": "turn:a", "credential": 5}]')).toEqual({ ok: false, message: 'Server 1: "credential" must be a string.' });
    expect(parseDraft(ice, JSON.stringify(Array.from({ length: 21 }, () => ({ urls: 'stun:a' }))))).toEqual({ ok: false, message: 'List at most 20 servers.' });
  });

  it('edits an unknown key as what its value is', () => {
    expect(parseDraft(definitionForUnknown('ringerVolume', 0.5), '0.7')).toEqual({ ok: true, value: 0.7 });
    expect(parseDraft(definitionForUnknown('ringerVolume', 0.5), 'loud')).toEqual({ ok: false, message: 'Enter a number.' });
    expect(definitionForUnknown('autoAnswer', false).kind).toEqual({ type: 'boolean' });
    const json = definitionForUnknown('ringer', { device: 'speaker' });
    expect(parseDraft(json, toDraft(json, { device: 'speaker' }))).toEqual({ ok: true, value: { device: 'speaker' } });
  });
});

describe('sameDraft', () => {
  it('ignores the order of ticked features', () => {
    expect(sameDraft(['chat', 'sms'], ['sms', 'chat'])).toBe(true);
    expect(sameDraft(['chat'], ['chat', 'sms'])).toBe(false);
    expect(sameDraft('a', 'a')).toBe(true);
    expect(sameDraft(true, false)).toBe(false);
  });
});

describe('displayLines', () => {
  it('never shows a TURN credential', () => {
    const lines = displayLines(setting('iceServers'), [{ urls: 'stun:stun.example.com:3478' }, { urls: ['turns:turn.example.com:5349'], username: 'agents', credential: 's3cret' }]);
    expect(lines).toEqual(['stun:stun.example.com:3478', 'turns:turn.example.com:5349 (user agents, credential set)']);
    expect(lines.join(' ')).not.toContain('s3cret');
  });

  it('words values for reading', () => {
    expect(displayLines(setting('updateChannel'), 'beta')).toEqual(['Beta']);
    expect(displayLines(setting('updatesDisabled'), true)).toEqual(['On']);
    expect(displayLines(setting('featuresDisabled'), ['chat', 'outboundDial'])).toEqual(['Chat, Outbound dialling']);
    expect(displayLines(setting('featuresDisabled'), [])).toEqual(['None']);
    expect(displayLines(setting('sipWsUrl'), undefined)).toEqual(['Not set']);
    expect(displayLines(definitionForUnknown('ringer', {}), { device: 'x' })).toEqual(['{"device":"x"}']);
  });
});
