import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseTokenStore, type SafeStoragePort } from '../../../../main/electron/token-store';

/** safeStorage with a reversible "encryption" that is visibly not the plain text. */
function fakeSafeStorage(backend: string, available = true): SafeStoragePort {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
    decryptString: (data) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'base64').toString();
    },
    getSelectedStorageBackend: () => backend,
  };
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-token-'));
  file = path.join(dir, 'userData', 'platform-token.bin');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('token store', () => {
  it('keeps the token encrypted in a private file and reads it back', async () => {
    const { store, warning } = chooseTokenStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    expect(warning).toBeNull();
    expect(store.inMemoryOnly).toBe(false);
    await store.save('secret-token-123');
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('secret-token-123');
    expect((await stat(file)).mode & 0o077).toBe(0);
    expect(await chooseTokenStore(fakeSafeStorage('gnome_libsecret'), file, 'linux').store.load()).toBe('secret-token-123');
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('on Linux without a keyring (basic_text) keeps the token in memory only and warns', async () => {
    const { store, warning } = chooseTokenStore(fakeSafeStorage('basic_text'), file, 'linux');
    expect(store.inMemoryOnly).toBe(true);
    expect(warning).toMatch(/keyring/);
    await store.save('secret');
    expect(await store.load()).toBe('secret');
    await expect(stat(file)).rejects.toThrow();
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('falls back to memory when encryption is unavailable at all', () => {
    const { store, warning } = chooseTokenStore(fakeSafeStorage('unknown', false), file, 'win32');
    expect(store.inMemoryOnly).toBe(true);
    expect(warning).toMatch(/in memory only/);
  });

  it('uses the OS store on Windows and macOS whatever the Linux backend query says', () => {
    expect(chooseTokenStore(fakeSafeStorage('basic_text'), file, 'darwin').store.inMemoryOnly).toBe(false);
  });

  it('forgets a token it cannot decrypt (a profile copied from another machine)', async () => {
    const { store } = chooseTokenStore(fakeSafeStorage('kwallet5'), file, 'linux');
    await store.save('x');
    await writeFile(file, 'garbage');
    expect(await store.load()).toBeNull();
    await expect(stat(file)).rejects.toThrow();
  });
});
