/**
 * Where the platform token is kept between launches. The Electron shell supplies one backed by
 * safeStorage; when the OS has no keyring it keeps the token in memory only (`inMemoryOnly`), and the
 * agent signs in on every launch.
 */
export type TokenStore = {
  load(): Promise<string | null>;
  save(token: string): Promise<void>;
  clear(): Promise<void>;
  inMemoryOnly: boolean;
};

export function createMemoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial;
  return {
    inMemoryOnly: true,
    async load() {
      return token;
    },
    async save(next) {
      token = next;
    },
    async clear() {
      token = null;
    },
  };
}
