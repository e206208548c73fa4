/** electron-builder cannot run here (it downloads Electron), so the keys the app relies on are checked directly. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../../..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Switchboard');
  });

  it('registers tel: and sip: link handlers on every OS', () => {
    const schemes = config.protocols.flatMap((protocol: { schemes: string[] }) => protocol.schemes).sort();
    expect(schemes).toEqual(['sip', 'tel']);
    expect(config.linux.mimeTypes).toEqual(expect.arrayContaining(['x-scheme-handler/tel', 'x-scheme-handler/sip']));
  });

  it('builds deb and AppImage, a per-machine NSIS installer, and a dmg', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['deb', 'AppImage']));
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: true });
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toBeTruthy();
  });

  it('ships only the build output', () => {
    const included = config.files.filter((pattern: string) => !pattern.startsWith('!'));
    expect(included).toEqual(['build/**']);
    expect(config.files).toContain('!build/types/**');
  });

  it('has a publish config for electron-updater', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: expect.any(String) })]);
  });

  it('points package.json main into build/', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toMatch(/^build\//);
  });
});
