/**
 * The random id that fixes this machine's place in a staged rollout (rollout.ts), kept in the app's data
 * folder. A fresh install or a wiped profile gets a new place, which only moves it within the rollout.
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FILE = 'update-rollout-id';
const ID = /^[0-9a-f-]{36}$/;

export async function loadRolloutMachineId(dataDir: string): Promise<string> {
  const file = path.join(dataDir, FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (ID.test(stored)) return stored;
  } catch (error) {
    // absent on the first run; anything else is reported by the write below failing too
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const id = randomUUID();
  await writeFile(file, `${id}\n`);
  return id;
}
