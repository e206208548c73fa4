/**
 * One schema, every form IT uses: the committed ADMX/ADML, the .mobileconfig, the example policy.json and
 * docs/deployment.md list exactly the schema's keys; the XML validates against the ADMX schema subset and
 * the profile is a property list (checked by xmllint and Python's plistlib, both installed by README's
 * test command).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POLICY_KEY_NAMES } from '../../../main/policy/policy-schema';
import { validatePolicyDocument } from '../../../main/policy/validate-policy';
import { policyTemplates } from '../../../scripts/policy-templates';

const root = path.resolve(import.meta.dirname, '../../..');
const policyDir = path.join(root, 'deploy', 'policy');
const read = (file: string) => readFileSync(path.join(policyDir, file), 'utf8');
const admxPath = path.join(policyDir, 'windows', 'Switchboard.admx');
const admlPath = path.join(policyDir, 'windows', 'en-US', 'Switchboard.adml');
const xsdPath = path.join(policyDir, 'windows', 'policy-definitions-subset.xsd');
const profilePath = path.join(policyDir, 'macos', 'org.switchboard.desktop.mobileconfig');
const schemaKeys = [...POLICY_KEY_NAMES].sort();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sb-policy-templates-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function xmllint(...args: string[]) {
  return spawnSync('xmllint', ['--noout', ...args], { encoding: 'utf8' });
}

describe('the policy templates', () => {
  it('are committed as generated from the schema (npx tsx scripts/generate-policy-templates.ts)', () => {
    for (const [file, text] of Object.entries(policyTemplates())) expect(read(file), file).toBe(text);
  });

  it('ADMX: one Machine policy per schema key, each under HKLM\\Software\\Policies\\Switchboard', () => {
    const admx = read('windows/Switchboard.admx');
    const names = [...admx.matchAll(/<policy name="([^"]+)" class="Machine"[^>]* key="Software\\Policies\\Switchboard"/g)].map((match) => match[1]);
    expect(names.sort()).toEqual(schemaKeys);
    // every element writes the value the app reads: the key's own name
    const valueNames = [...admx.matchAll(/valueName="([^"]+)"/g)].map((match) => match[1]);
    expect([...new Set(valueNames)].sort()).toEqual(schemaKeys);
  });

  it('ADML: every string and presentation the ADMX refers to exists', () => {
    const admx = read('windows/Switchboard.admx');
    const adml = read('windows/en-US/Switchboard.adml');
    const strings = new Set([...adml.matchAll(/<string id="([^"]+)"/g)].map((match) => match[1]));
    const presentations = new Set([...adml.matchAll(/<presentation id="([^"]+)"/g)].map((match) => match[1]));
    for (const [, id] of admx.matchAll(/\$\(string\.([^)]+)\)/g)) expect(strings.has(id), id).toBe(true);
    for (const [, id] of admx.matchAll(/\$\(presentation\.([^)]+)\)/g)) expect(presentations.has(id), id).toBe(true);
  });

  it('ADMX and ADML are well-formed and valid against the ADMX schema', () => {
    const result = xmllint('--schema', xsdPath, admxPath, admlPath);
    expect(result.error, 'xmllint must be installed (libxml2-utils)').toBeUndefined();
    expect(result.stderr).toContain('Switchboard.admx validates');
    expect(result.stderr).toContain('Switchboard.adml validates');
    expect(result.status).toBe(0);
  });

  it('the schema check fails a broken template (a policy without its registry key, an unknown element)', () => {
    const broken = path.join(tmp, 'broken.admx');
    writeFileSync(broken, read('windows/Switchboard.admx').replace(' key="Software\\Policies\\Switchboard"', '').replace('<multiText ', '<listBox '));
    const result = xmllint('--schema', xsdPath, broken);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/attribute 'key' is required/);
    expect(result.stderr).toMatch(/listBox.*not expected/);
  });

  it('.mobileconfig: a valid property list whose payload holds exactly the schema keys, with valid values', () => {
    expect(xmllint(profilePath).status).toBe(0);
    const json = execFileSync('python3', ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', profilePath], { encoding: 'utf8' });
    const profile = JSON.parse(json) as { PayloadType: string; PayloadContent: Record<string, unknown>[] };
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadContent).toHaveLength(1);
    const payload = profile.PayloadContent[0] ?? {};
    expect(payload.PayloadType).toBe('org.switchboard.desktop');
    const settings = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
    expect(Object.keys(settings).sort()).toEqual(schemaKeys);
    expect(validatePolicyDocument(settings, 'profile').problems).toEqual([]);
  });

  it('the example policy.json holds every key with a valid value', () => {
    const example = JSON.parse(read('linux/policy.json')) as Record<string, unknown>;
    expect(Object.keys(example).sort()).toEqual(schemaKeys);
    expect(validatePolicyDocument(example, 'policy.json').problems).toEqual([]);
  });

  it('docs/deployment.md documents exactly the schema keys', () => {
    const doc = readFileSync(path.join(root, 'docs', 'deployment.md'), 'utf8');
    const table = doc.slice(doc.indexOf('### Keys'));
    const rows = table.slice(0, table.indexOf('\n\n', table.indexOf('| key |'))).split('\n').filter((line) => line.startsWith('| `'));
    const documented = rows.map((line) => /^\| `([^`]+)`/.exec(line)?.[1]);
    expect(documented.sort()).toEqual(schemaKeys);
  });
});
