/**
 * Semantic-version order for the no-downgrade rule: major.minor.patch, a pre-release (1.2.0-beta.1) before
 * its release, pre-release identifiers compared numerically when both are numbers. Build metadata (+…) is
 * ignored, as semver says.
 */
const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

interface Version {
  core: [number, number, number];
  pre: string[];
}

function parse(text: string): Version | null {
  const match = SEMVER.exec(text.trim());
  if (!match) return null;
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ? match[4].split('.') : [] };
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return Math.sign(Number(a) - Number(b));
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1; null when either is not a version (the caller then refuses the update). */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const left = parse(a);
  const right = parse(b);
  if (!left || !right) return null;
  for (let index = 0; index < 3; index += 1) {
    const difference = Math.sign(left.core[index]! - right.core[index]!);
    if (difference !== 0) return difference as -1 | 1;
  }
  if (left.pre.length === 0 || right.pre.length === 0) return left.pre.length === right.pre.length ? 0 : left.pre.length === 0 ? 1 : -1;
  for (let index = 0; index < Math.max(left.pre.length, right.pre.length); index += 1) {
    const a1 = left.pre[index];
    const b1 = right.pre[index];
    if (a1 === undefined) return -1;
    if (b1 === undefined) return 1;
    const difference = compareIdentifiers(a1, b1);
    if (difference !== 0) return difference as -1 | 1;
  }
  return 0;
}
