/**
 * Staged rollout by policy: each machine gets a fixed place 0–99 from a random id kept in its data folder,
 * and takes a version when its place is below the percentage. The place never changes, so raising the
 * percentage only adds machines (the pilot machines stay the first).
 */
import { createHash } from 'node:crypto';

export function rolloutPlace(machineId: string): number {
  return createHash('sha256').update(machineId).digest().readUInt32BE(0) % 100;
}

export function inRollout(machineId: string, percentage: number | undefined): boolean {
  if (percentage === undefined) return true;
  return rolloutPlace(machineId) < percentage;
}
