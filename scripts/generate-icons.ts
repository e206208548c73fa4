/**
 * Generates every icon the installers and the app need from the one source, assets/icon.svg, into
 * build/assets/ (electron-builder's buildResources; git-ignored, made at build time):
 *   icon.png (1024), icon.ico (16–256), icon.icns (16–1024), icons/NxN.png (Linux), tray.png (the tray).
 * Run: npm run build:icons (README's release steps and the release workflow run it before packaging).
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { icnsFromPngs, icoFromPngs, ICNS_TYPES } from './icon-containers';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'build', 'assets');
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const TRAY_SIZE = 32;

export async function generateIcons(svgFile = path.join(root, 'assets', 'icon.svg'), target = outDir): Promise<string[]> {
  const svg = await readFile(svgFile);
  const sizes = [...new Set([...ICO_SIZES, ...LINUX_SIZES, ...ICNS_TYPES.map((entry) => entry.size), TRAY_SIZE])];
  const pngs = new Map(sizes.map((size) => [size, Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng())]));
  const png = (size: number) => pngs.get(size) ?? Buffer.alloc(0);
  const files: [string, Buffer][] = [
    ['icon.png', png(1024)],
    ['icon.ico', icoFromPngs(ICO_SIZES.map((size) => ({ size, png: png(size) })))],
    ['icon.icns', icnsFromPngs(pngs)],
    ['tray.png', png(TRAY_SIZE)],
    ...LINUX_SIZES.map((size): [string, Buffer] => [path.join('icons', `${size}x${size}.png`), png(size)]),
  ];
  await mkdir(path.join(target, 'icons'), { recursive: true });
  for (const [name, data] of files) await writeFile(path.join(target, name), data);
  return files.map(([name]) => name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const written = await generateIcons();
  console.log(`generate-icons: ${written.length} files in ${path.relative(process.cwd(), outDir)}`);
}
