import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../server/auth/passwords';
import { ConfigError, loadConfigFile, parseConfig } from '../../../server/config';

const dir = mkdtempSync(join(tmpdir(), 'sb-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = { agents: [{ username: 'alice', password: 'pw', queues: ['support'] }], queues: [{ id: 'support' }] };

describe('config', () => {
  it('applies the defaults and hashes plain passwords', async () => {
    const config = parseConfig(minimal, '/etc/sb');
    expect(config.dataDir).toBe('/etc/sb/data');
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 8600 });
    expect(config.queues[0]).toMatchObject({ offerTimeoutSeconds: 30, wrapUpTimeoutSeconds: 120, ttlSeconds: 3600, ronaPresence: 'not_ready', name: 'support' });
    expect(config.agents[0].capacity).toEqual({ voice: 1, chat: 3, email: 5, task: 5 });
    expect(JSON.stringify(config)).not.toContain('"pw"');
    expect(await verifyPassword('pw', config.agents[0].passwordHash)).toBe(true);
  });

  it('names the key that is wrong', () => {
    expect(() => parseConfig({ ...minimal, queues: [{ id: 'support', offerTimeoutSeconds: -1 }] }, '/')).toThrow(/queues\.0\.offerTimeoutSeconds/);
    expect(() => parseConfig({ agents: [{ username: 'alice', password: 'pw', queues: ['nope'] }], queues: [] }, '/')).toThrow(/agents\.0\.queues\.0: unknown queue "nope"/);
    expect(() => parseConfig({ agents: [{ username: 'alice' }] }, '/')).toThrow(/agents\.0\.password/);
    expect(() => parseConfig({ ...minimal, colour: 'blue' }, '/')).toThrow(ConfigError);
  });

  it('takes disposition codes as strings or {code, label}, mixed; a duplicate code or an empty label is named', () => {
    const config = parseConfig({ ...minimal, queues: [{ id: 'support', dispositionCodes: ['resolved', { code: 'follow_up', label: 'Needs a follow-up' }, { code: 'escalated' }] }] }, '/');
    expect(config.queues[0].dispositionCodes).toEqual(['resolved', 'follow_up', 'escalated']);
    expect(config.queues[0].dispositionLabels).toEqual({ follow_up: 'Needs a follow-up' });
    expect(parseConfig(minimal, '/').queues[0].dispositionLabels).toEqual({});
    expect(() => parseConfig({ ...minimal, queues: [{ id: 'support', dispositionCodes: ['a', { code: 'a', label: 'A' }] }] }, '/')).toThrow(/queues\.0\.dispositionCodes\.1: duplicate disposition code "a"/);
    expect(() => parseConfig({ ...minimal, queues: [{ id: 'support', dispositionCodes: [{ code: 'a', label: ' ' }] }] }, '/')).toThrow(/queues\.0\.dispositionCodes\.0/);
  });

  it('reads YAML and JSON files, dataDir relative to the file', () => {
    const yamlFile = join(dir, 'c.yaml');
    writeFileSync(yamlFile, 'dataDir: ./store\nagents:\n  - { username: bob, password: pw }\nqueues: []\n');
    expect(loadConfigFile(yamlFile).dataDir).toBe(join(dir, 'store'));
    const jsonFile = join(dir, 'c.json');
    writeFileSync(jsonFile, JSON.stringify({ ...minimal, listen: { host: '127.0.0.1', port: 0 } }));
    expect(loadConfigFile(jsonFile).listen.port).toBe(0);
    expect(() => loadConfigFile(join(dir, 'missing.yaml'))).toThrow(/cannot read config file/);
  });

  it('commits power-safe unless storage.synchronous says normal, and names a wrong value', () => {
    expect(parseConfig(minimal, '/').storage).toEqual({ synchronous: 'full' });
    expect(parseConfig({ ...minimal, storage: { synchronous: 'normal' } }, '/').storage.synchronous).toBe('normal');
    expect(() => parseConfig({ ...minimal, storage: { synchronous: 'off' } }, '/')).toThrow(/storage\.synchronous/);
  });

  it('takes a cluster only with a PostgreSQL store, and an advertiseUrl only as http://HOST:PORT', () => {
    const store = { url: 'postgres://switchboard@db.example:5432/switchboard' };
    expect(parseConfig({ ...minimal, store, cluster: {} }, '/').cluster).toEqual({ pollMs: 250 });
    expect(parseConfig({ ...minimal, store, cluster: { advertiseUrl: 'http://10.0.0.5:8600' } }, '/').cluster?.advertiseUrl).toBe('http://10.0.0.5:8600');
    expect(() => parseConfig({ ...minimal, cluster: {} }, '/')).toThrow(/cluster: needs store\.url/);
    expect(() => parseConfig({ ...minimal, store, cluster: { advertiseUrl: 'https://lb.example/x' } }, '/')).toThrow(/cluster\.advertiseUrl/);
    expect(() => parseConfig({ ...minimal, store, cluster: { pollMs: 0 } }, '/')).toThrow(/cluster\.pollMs/);
  });

  it('accepts short timeouts in fractions of a second', () => {
    expect(parseConfig({ ...minimal, queues: [{ id: 'support', offerTimeoutSeconds: 0.5 }] }, '/').queues[0].offerTimeoutSeconds).toBe(0.5);
  });
});
