/** Browser mode has no OS keyring to protect a token at rest, so it keeps the token in memory only. */
export function memoryTokenStore() {
  let token: string | null = null;
  return {
    inMemoryOnly: true as const,
    load: async (): Promise<string | null> => token,
    save: async (value: string): Promise<void> => {
      token = value;
    },
    clear: async (): Promise<void> => {
      token = null;
    },
  };
}
