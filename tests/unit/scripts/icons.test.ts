/** Every icon the installers need, generated from assets/icon.svg, read back by the containers' own layout. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIcons } from '../../../scripts/generate-icons';
import { ICNS_TYPES } from '../../../scripts/icon-containers';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sb-icons-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const read = (name: string) => readFileSync(path.join(dir, name));
/** width and height from a PNG's IHDR */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

beforeAll(async () => {
  await generateIcons(undefined, dir);
}, 60_000);

describe('generated icons', () => {
  it('a 1024 px PNG for electron-builder, a tray icon and the Linux hicolor sizes', () => {
    expect(pngSize(read('icon.png'))).toEqual([1024, 1024]);
    expect(pngSize(read('tray.png'))).toEqual([32, 32]);
    for (const size of [16, 32, 48, 128, 256, 512]) expect(pngSize(read(`icons/${size}x${size}.png`))).toEqual([size, size]);
  });

  it('an ICO with PNG images from 16 to 256 px, each where its directory entry says', () => {
    const ico = read('icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const entry = 6 + 16 * index;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const png = ico.subarray(offset, offset + length);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      const [width] = pngSize(png);
      expect(ico.readUInt8(entry) || 256).toBe(width);
      sizes.push(width ?? 0);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('an ICNS whose elements cover 16 to 1024 px, each a PNG of its size', () => {
    const icns = read('icon.icns');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: string[] = [];
    for (let offset = 8; offset < icns.length; ) {
      const type = icns.toString('ascii', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      const png = icns.subarray(offset + 8, offset + length);
      expect(pngSize(png)[0]).toBe(ICNS_TYPES.find((entry) => entry.type === type)?.size);
      found.push(type);
      offset += length;
    }
    expect(found).toEqual(ICNS_TYPES.map((entry) => entry.type));
  });
});
