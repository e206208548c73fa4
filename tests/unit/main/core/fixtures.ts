/** Shared helpers for the desktop core's unit tests: temp dirs and work items. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newWorkItem, type NewWorkItemInit } from '../../../../common/lifecycle';
import type { WorkItem } from '../../../../common/workitem';

export function tempDir(prefix = 'sb-core-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;
export function makeItem(overrides: Partial<NewWorkItemInit> = {}): WorkItem {
  counter += 1;
  return newWorkItem({
    workitemId: `wi_test${counter}`,
    type: 'task',
    createdAt: 1_700_000_000_000 + counter,
    createdBy: 'system',
    ...overrides,
  });
}
