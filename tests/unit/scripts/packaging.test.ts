/**
 * What can be proven of the installers without Electron's binary: electron-builder.yml passes
 * electron-builder's own validation; a real build (esbuild, Vite, the icon generator, stage-app) gives a
 * file set — by electron-builder's own matchers — with main, preload, renderer and the native module and
 * nothing from sources or tests; the MSI hook adds its properties; a deb and an rpm built from the
 * unpacked app with dpkg-deb and rpmbuild hold it and register tel:/sip:.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateIcons } from '../../../scripts/generate-icons';
import { buildDeb, buildRpm, type LinuxPackageInput } from './support/linux-packages';
import { packagedFiles, type BuilderConfig } from './support/packaged-files';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig & { linux: any } & Record<string, any>;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sb-packaging-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function validate(configuration: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
  await validateConfiguration(configuration, { isEnabled: false, add: () => undefined });
}

describe('electron-builder.yml', () => {
  // app-builder-lib loads slowly (10–20 s on a busy 2-core machine); the limit is not a timing assertion
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  }, 120_000);

  it('the schema check can fail: a wrong type and an unknown option are refused', async () => {
    await expect(validate({ ...config, nsis: { ...config.nsis, oneClick: 'yes' } })).rejects.toThrow(/oneClick/);
    await expect(validate({ ...config, mac: { ...config.mac, notarise: true } })).rejects.toThrow(/configuration\.mac/);
  }, 120_000);

  it('builds NSIS (both scopes) and a silent per-machine MSI; dmg and pkg with the hardened runtime and microphone; AppImage, deb and rpm with tel:/sip:', () => {
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.msi).toMatchObject({ oneClick: true, perMachine: true });
    expect(config.mac.target.map((target: { target: string }) => target.target)).toEqual(expect.arrayContaining(['dmg', 'pkg']));
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    const entitlements = readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    expect(entitlements).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux.mimeTypes).toEqual(['x-scheme-handler/tel', 'x-scheme-handler/sip']);
    expect(config.protocols.flatMap((protocol: { schemes: string[] }) => protocol.schemes).sort()).toEqual(['sip', 'tel']);
  });

  it('flips the Electron fuses: no run-as-Node, NODE_OPTIONS or --inspect; code only from an integrity-checked asar; encrypted cookies', async () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
    // the keys are electron-builder's own: a misspelt fuse is refused by its schema
    await expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } })).rejects.toThrow(/electronFuses/);
  }, 120_000);

  it('holds no secret: signing and notarisation come from the environment', () => {
    const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    for (const key of ['cscLink', 'cscKeyPassword', 'certificatePassword', 'appleIdPassword', 'password:']) expect(text).not.toContain(key);
  });

  it('the MSI hook adds PLATFORM_URL and friends, each written to the policy key only when given', () => {
    const hook = require(path.join(root, config.msiProjectCreated));
    const template = readFileSync(require.resolve('app-builder-lib/templates/msi/template.xml'), 'utf8');
    const wxs: string = hook.injectPolicyProperties(template);
    expect(wxs).toContain('<Property Id="PLATFORM_URL" Secure="yes"/>');
    expect(wxs).toMatch(/<Condition>PLATFORM_URL<\/Condition>\s*<RegistryValue Root="HKLM" Key="Software\\Policies\\Switchboard" Name="platformUrl" Type="string" Value="\[PLATFORM_URL\]"/);
    expect(wxs).toContain('<ComponentRef Id="Policy_platformUrl"/>');
    expect(wxs).toMatch(/Name="updatesDisabled" Type="integer"/);
    // still one well-formed WiX document
    const file = path.join(tmp, 'project.wxs');
    writeFileSync(file, wxs);
    execFileSync('xmllint', ['--noout', file]);
    expect(() => hook.injectPolicyProperties('<Wix/>')).toThrow(/ProductFeature/);
  });
});

describe('the packaged app, from a real build', () => {
  const build = path.join(tmp, 'build');
  const app = path.join(tmp, 'app');
  let packaged: { files: string[]; unpacked: string[] };

  beforeAll(async () => {
    const node = process.execPath;
    execFileSync(node, ['scripts/build-electron.mjs', '--out', build], { cwd: root, stdio: 'pipe' });
    execFileSync(node, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--outDir', path.join(build, 'renderer'), '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'pipe' });
    await generateIcons(undefined, path.join(build, 'assets'));
    execFileSync(node, ['scripts/stage-app.mjs', '--build', build, '--out', app], { cwd: root, stdio: 'pipe' });
    // What `npm install --omit=dev` in the staged app gives for the native module (the release workflow's step).
    for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path', 'electron-updater']) cpSync(path.join(root, 'node_modules', name), path.join(app, 'node_modules', name), { recursive: true });
    packaged = packagedFiles(app, root, config);
  }, 180_000);

  it('depends only on what main.js loads at run time (the externals of the bundle)', () => {
    const staged = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8'));
    const externals = /external: \[([^\]]*)\]/.exec(readFileSync(path.join(root, 'scripts/build-electron.mjs'), 'utf8'))?.[1] ?? '';
    const runtime = [...externals.matchAll(/'([^']+)'/g)].map((match) => match[1]).filter((name) => name !== 'electron');
    expect(Object.keys(staged.dependencies).sort()).toEqual(runtime.sort());
    for (const name of runtime) expect(staged.dependencies[name]).toBe(pkg.dependencies[name]);
    expect(staged.main).toBe(pkg.main);
  });

  it('holds main, its database thread, preload, renderer, the tray icon and the native module', () => {
    expect(packaged.files).toEqual(
      expect.arrayContaining([
        'package.json',
        pkg.main,
        'build/main/electron/database-worker.js',
        'build/preload/index.cjs',
        'build/renderer/index.html',
        'build/assets/tray.png',
        'node_modules/better-sqlite3/lib/index.js',
        'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        'node_modules/electron-updater/out/main.js',
      ]),
    );
    expect(packaged.files.some((file) => /^build\/renderer\/assets\/.*\.js$/.test(file))).toBe(true);
  });

  it('leaves the native module outside the asar and nothing else', () => {
    expect(packaged.unpacked).toEqual(['node_modules/better-sqlite3/build/Release/better_sqlite3.node']);
  });

  it('holds nothing from sources, tests, source maps or the bundled dependencies', () => {
    const offending = packaged.files.filter(
      (file) =>
        /\.(ts|tsx|map|md)$/.test(file) ||
        /(^|\/)(tests?|__tests__|src|deps)\//.test(file) ||
        /^(main|renderer|common|preload|server|scripts|bench|assets)\//.test(file) ||
        /^node_modules\/(react|fastify|zod|tsx|esbuild|sip\.js|pino)\//.test(file) ||
        /\.(o|a|mk|gypi|d)$|test_extension/.test(file),
    );
    expect(offending).toEqual([]);
  });

  describe('Linux packages from the unpacked app', () => {
    let input: LinuxPackageInput;
    beforeAll(() => {
      input = {
        appDir: app,
        ...packaged,
        iconsDir: path.join(build, 'assets', 'icons'),
        iconSizes: [16, 32, 48, 64, 128, 256, 512],
        version: pkg.version,
        description: config.linux.synopsis,
        maintainer: config.linux.maintainer,
        mimeTypes: config.linux.mimeTypes,
      };
    });

    it('a deb (dpkg-deb) with the app, the native module unpacked, the tel:/sip: handlers and the dependencies', () => {
      const work = path.join(tmp, 'deb');
      mkdirSync(work);
      const deb = buildDeb(input, config.deb.depends, work);
      const info = execFileSync('dpkg-deb', ['--info', deb], { encoding: 'utf8' });
      expect(info).toMatch(/Depends: libsecret-1-0, /);
      expect(info).toMatch(/postinst/);
      const contents = execFileSync('dpkg-deb', ['--contents', deb], { encoding: 'utf8' });
      expect(contents).toContain('./opt/Switchboard/resources/app/build/main/electron/main.js');
      expect(contents).toContain('./opt/Switchboard/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
      expect(contents).toContain('./usr/share/icons/hicolor/256x256/apps/switchboard.png');
      expect(contents).not.toMatch(/\.ts\n|\.map\n/);
      const extracted = path.join(work, 'x');
      execFileSync('dpkg-deb', ['--extract', deb, extracted]);
      const desktop = readFileSync(path.join(extracted, 'usr/share/applications/switchboard.desktop'), 'utf8');
      expect(desktop).toContain('MimeType=x-scheme-handler/tel;x-scheme-handler/sip;');
      expect(desktop).toContain('Exec=/opt/Switchboard/switchboard %U');
    }, 120_000);

    it('an rpm (rpmbuild) with the same tree and requirements', () => {
      const work = path.join(tmp, 'rpm');
      mkdirSync(work);
      const rpm = buildRpm(input, config.rpm.depends, work);
      expect(existsSync(rpm)).toBe(true);
      const files = execFileSync('rpm', ['-qlp', rpm], { encoding: 'utf8' });
      expect(files).toContain('/opt/Switchboard/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
      expect(files).toContain('/usr/share/applications/switchboard.desktop');
      const requires = execFileSync('rpm', ['-qp', '--requires', rpm], { encoding: 'utf8' });
      for (const name of config.rpm.depends) expect(requires).toContain(name);
    }, 60_000);
  });
});
