import { describe, expect, it } from 'vitest';
import { parseServerArgs, UsageError } from '../../../server/cli-args';

describe('parseServerArgs', () => {
  it('reads --config in both spellings, and --quiet', () => {
    expect(parseServerArgs(['--config', 'config/example.yaml'])).toEqual({ command: 'serve', configPath: 'config/example.yaml', quiet: false });
    expect(parseServerArgs(['--config=c.json', '--quiet'])).toEqual({ command: 'serve', configPath: 'c.json', quiet: true });
  });

  it('reads hash-password with or without the password', () => {
    expect(parseServerArgs(['hash-password', 's3cret'])).toEqual({ command: 'hash-password', password: 's3cret' });
    expect(parseServerArgs(['hash-password'])).toEqual({ command: 'hash-password', password: undefined });
  });

  it('reads new-api-key, which takes no argument', () => {
    expect(parseServerArgs(['new-api-key'])).toEqual({ command: 'new-api-key' });
    expect(() => parseServerArgs(['new-api-key', 'x'])).toThrow(UsageError);
  });

  it('refuses a missing config, an unknown flag and a stray argument with the usage line', () => {
    for (const argv of [[], ['--config'], ['--confg', 'x.yaml'], ['serve', '--config', 'x.yaml'], ['hash-password', 'a', 'b']]) {
      expect(() => parseServerArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
    expect(() => parseServerArgs(['--confg', 'x.yaml'])).toThrow(/usage: npm run server -- --config FILE/);
  });
});
