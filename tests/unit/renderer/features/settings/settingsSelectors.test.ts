import { describe, expect, it } from 'vitest';
import { KNOWN_SETTINGS } from '../../../../../renderer/src/features/settings/settingsCatalog';
import { groupRows, policyProblems, settingRows } from '../../../../../renderer/src/features/settings/settingsSelectors';

describe('policyProblems', () => {
  it('is empty without a policy error', () => {
    expect(policyProblems(null)).toEqual([]);
  });

  it('splits the joined problems and finds the key each one names', () => {
    const error =
      'policy.json: unknown key "platformURL" (known keys: platformUrl, sipWsUrl, iceServers); policy.json: "iceServers[0].urls" must be a stun:/turn: URL; policy.json: "settings.updateChannel" must be given as the top-level key "updateChannel"';
    expect(policyProblems(error)).toEqual([
      { message: 'policy.json: unknown key "platformURL" (known keys: platformUrl, sipWsUrl, iceServers)', key: 'platformURL' },
      { message: 'policy.json: "iceServers[0].urls" must be a stun:/turn: URL', key: 'iceServers' },
      { message: 'policy.json: "settings.updateChannel" must be given as the top-level key "updateChannel"', key: 'settings' },
    ]);
  });

  it('keeps a whole-file problem in one piece, with no key', () => {
    const error = "policy.json: not valid JSON (Expected property name or '}' in JSON at position 1); ignored";
    expect(policyProblems(error)).toEqual([{ message: error, key: null }]);
  });
});

describe('settingRows', () => {
  it('lists every known setting, then other keys the core reports, with their values and locks', () => {
    const rows = settingRows({
      values: { updateChannel: 'beta', ringerDevice: 'headset', autoAnswer: false, zoom: 1.25 },
      locked: ['updateChannel', 'autoAnswer'],
      policyError: null,
    });
    expect(rows.map((row) => row.definition.key)).toEqual([...KNOWN_SETTINGS.map((definition) => definition.key), 'autoAnswer', 'zoom']);
    const byKey = Object.fromEntries(rows.map((row) => [row.definition.key, row]));
    expect(byKey.updateChannel).toMatchObject({ value: 'beta', locked: true, policyProblem: null });
    expect(byKey.ringerDevice).toMatchObject({ value: 'headset', locked: false });
    expect(byKey.sipWsUrl).toMatchObject({ value: undefined, locked: false });
    expect(byKey.autoAnswer).toMatchObject({ locked: true, definition: { label: 'autoAnswer', group: 'Other', kind: { type: 'boolean' } } });
    expect(byKey.zoom.definition.kind).toEqual({ type: 'number' });
  });

  it('shows the platform in use, not edited here, unless a policy sets it', () => {
    const free = settingRows({ values: {}, locked: [], policyError: null }, 'https://in-use.example');
    expect(free.find((row) => row.definition.key === 'platformUrl')).toMatchObject({ value: 'https://in-use.example', fixedHere: true, locked: false });
    expect(free.filter((row) => row.fixedHere).map((row) => row.definition.key)).toEqual(['platformUrl']);

    const policed = settingRows({ values: { platformUrl: 'https://corp.example' }, locked: ['platformUrl'], policyError: null }, 'https://in-use.example');
    expect(policed.find((row) => row.definition.key === 'platformUrl')).toMatchObject({ value: 'https://corp.example', fixedHere: false, locked: true });
  });

  it('puts a policy problem beside the setting it names', () => {
    const rows = settingRows({ values: {}, locked: [], policyError: 'policy.json: "sipWsUrl" must be a ws(s): URL' });
    const sip = rows.find((row) => row.definition.key === 'sipWsUrl');
    expect(sip?.policyProblem).toBe('policy.json: "sipWsUrl" must be a ws(s): URL');
    expect(rows.filter((row) => row.policyProblem !== null)).toHaveLength(1);
  });
});

describe('groupRows', () => {
  it('groups in a fixed order and leaves out empty groups', () => {
    // Other holds the keyboard-shortcut map even when nothing unknown is stored
    const groups = groupRows(settingRows({ values: {}, locked: [], policyError: null }));
    expect(groups.map((section) => section.group)).toEqual(['Connection', 'Calls', 'Updates', 'Features', 'Other']);
    expect(groups[0].rows.map((row) => row.definition.key)).toEqual(['platformUrl', 'sipWsUrl', 'iceServers']);
    expect(groupRows(settingRows({ values: { x: 1 }, locked: [], policyError: null })).at(-1)?.group).toBe('Other');
  });
});
