/**
 * The platform token at rest: encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet)
 * into a file in userData. On Linux without a keyring safeStorage falls back to a hard-coded key
 * ("basic_text"), which is obfuscation, not protection: there the token stays in memory only and the
 * agent is told they will sign in at each launch.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createMemoryTokenStore, type TokenStore } from '../core/token-store';

export type { TokenStore };

/** The slice of Electron's safeStorage this module uses. */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface TokenStoreChoice {
  store: TokenStore;
  /** why the token is not kept across launches, for the agent; null when it is */
  warning: string | null;
}

export function chooseTokenStore(safeStorage: SafeStoragePort, filePath: string, platform: NodeJS.Platform = process.platform): TokenStoreChoice {
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return {
      store: createMemoryTokenStore(),
      warning: 'No system keyring was found (GNOME Keyring or KWallet), so Switchboard keeps your sign-in in memory only: you will sign in again at each launch.',
    };
  }
  if (!safeStorage.isEncryptionAvailable()) {
    return { store: createMemoryTokenStore(), warning: 'The system cannot encrypt stored secrets, so Switchboard keeps your sign-in in memory only: you will sign in again at each launch.' };
  }
  return { store: encryptedFileTokenStore(safeStorage, filePath), warning: null };
}

export function encryptedFileTokenStore(safeStorage: SafeStoragePort, filePath: string): TokenStore {
  return {
    inMemoryOnly: false,
    async load() {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(filePath);
      } catch {
        // No readable token file (first launch, or signed out): the agent signs in.
        return null;
      }
      try {
        return safeStorage.decryptString(encrypted);
      } catch {
        // Another user's or another machine's key (a copied profile): useless, so forget it.
        await rm(filePath, { force: true });
        return null;
      }
    },
    async save(token) {
      await mkdir(path.dirname(filePath), { recursive: true });
      const temporary = `${filePath}.${process.pid}.tmp`;
      await writeFile(temporary, safeStorage.encryptString(token), { mode: 0o600 });
      await rename(temporary, filePath);
    },
    async clear() {
      await rm(filePath, { force: true });
    },
  };
}
