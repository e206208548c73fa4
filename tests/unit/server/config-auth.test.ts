import { describe, expect, it } from 'vitest';
import { costOf, hashPassword } from '../../../server/auth/passwords';
import { ConfigError, parseConfig } from '../../../server/config';

const base = { agents: [{ username: 'alice', password: 'pw' }], queues: [{ id: 'support' }] };

describe('config: one password cost, supervisors, integrations', () => {
  it('hashes config passwords with the platform’s one cost (the default unless passwordCost says otherwise)', () => {
    expect(costOf(parseConfig(base, '/tmp').agents[0].passwordHash)).toEqual({ N: 16384, r: 8, p: 1 });
    expect(costOf(parseConfig({ ...base, passwordCost: { N: 1024 } }, '/tmp').agents[0].passwordHash)).toEqual({ N: 1024, r: 8, p: 1 });
  });

  it('refuses a passwordHash of another cost, so no login is cheaper than another', () => {
    const weak = { ...base, agents: [{ username: 'alice', passwordHash: hashPassword('pw', { N: 1024, r: 8, p: 1 }) }] };
    expect(() => parseConfig(weak, '/tmp')).toThrow(/agents\.0\.passwordHash: made with scrypt N=1024/);
    expect(() => parseConfig({ ...weak, passwordCost: { N: 1024 } }, '/tmp')).not.toThrow();
  });

  it('a supervisor needs workitems:admin and known queues', () => {
    const sup = (extra: Record<string, unknown>) => ({ ...base, agents: [{ username: 'sue', password: 'pw', supervises: { queues: ['support'] }, ...extra }] });
    expect(() => parseConfig(sup({}), '/tmp')).toThrow(ConfigError);
    expect(parseConfig(sup({ scopes: ['workitems:read', 'workitems:admin'] }), '/tmp').agents[0].supervises).toEqual({ queues: ['support'], teams: [] });
    expect(() => parseConfig({ ...base, agents: [{ username: 'sue', password: 'pw', scopes: ['workitems:admin'], supervises: { queues: ['nope'] } }] }, '/tmp')).toThrow(/unknown queue "nope"/);
  });

  it('integrations: a long API key or its hash, a name of its own, known queues', () => {
    const key = 'k'.repeat(40);
    const ok = parseConfig({ ...base, integrations: [{ name: 'bot', apiKey: key, queues: ['support'] }] }, '/tmp');
    expect(ok.integrations[0]).toMatchObject({ name: 'bot', queues: ['support'] });
    expect(JSON.stringify(ok)).not.toContain(key);
    expect(() => parseConfig({ ...base, integrations: [{ name: 'bot', apiKey: 'short' }] }, '/tmp')).toThrow(/at least 32/);
    expect(() => parseConfig({ ...base, integrations: [{ name: 'alice', apiKey: key }] }, '/tmp')).toThrow(/already/);
    expect(() => parseConfig({ ...base, integrations: [{ name: 'bot', apiKey: key, queues: ['x'] }] }, '/tmp')).toThrow(/unknown queue/);
  });
});
