/**
 * deb and rpm packages built here from the staged, unpacked app with Debian's own tools (dpkg-deb,
 * rpmbuild), in the layout electron-builder's Linux targets use (/opt/Switchboard, a .desktop entry with
 * the tel:/sip: handlers, hicolor icons, update-desktop-database after install) — everything but the
 * Electron binary, which cannot be fetched here.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LinuxPackageInput {
  appDir: string;
  files: string[];
  unpacked: string[];
  iconsDir: string;
  iconSizes: number[];
  version: string;
  description: string;
  maintainer: string;
  mimeTypes: string[];
}

/** The installed tree: what both packages hold. */
export function stageInstallTree(input: LinuxPackageInput, root: string): void {
  const resources = path.join(root, 'opt', 'Switchboard', 'resources');
  for (const file of input.files) {
    // asarUnpack'd files sit beside the archive in app.asar.unpacked; the rest would be inside app.asar.
    const target = path.join(resources, input.unpacked.includes(file) ? 'app.asar.unpacked' : 'app', file);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(input.appDir, file), target);
  }
  const applications = path.join(root, 'usr', 'share', 'applications');
  mkdirSync(applications, { recursive: true });
  writeFileSync(
    path.join(applications, 'switchboard.desktop'),
    [
      '[Desktop Entry]',
      'Name=Switchboard',
      'Exec=/opt/Switchboard/switchboard %U',
      'Terminal=false',
      'Type=Application',
      'Icon=switchboard',
      'StartupWMClass=Switchboard',
      `Comment=${input.description}`,
      `MimeType=${input.mimeTypes.join(';')};`,
      'Categories=Office;Telephony;',
      '',
    ].join('\n'),
  );
  for (const size of input.iconSizes) {
    const dir = path.join(root, 'usr', 'share', 'icons', 'hicolor', `${size}x${size}`, 'apps');
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(input.iconsDir, `${size}x${size}.png`), path.join(dir, 'switchboard.png'));
  }
}

const POST_INSTALL = '#!/bin/sh\n# Register the tel:/sip: handlers of the .desktop entry.\nupdate-desktop-database /usr/share/applications >/dev/null 2>&1 || true\n';

export function buildDeb(input: LinuxPackageInput, depends: string[], workDir: string): string {
  const root = path.join(workDir, 'deb-root');
  stageInstallTree(input, root);
  mkdirSync(path.join(root, 'DEBIAN'), { recursive: true });
  writeFileSync(
    path.join(root, 'DEBIAN', 'control'),
    [
      'Package: switchboard',
      `Version: ${input.version}`,
      'Architecture: amd64',
      `Maintainer: ${input.maintainer}`,
      `Depends: ${depends.join(', ')}`,
      'Section: comm',
      'Priority: optional',
      `Description: ${input.description}`,
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(root, 'DEBIAN', 'postinst'), POST_INSTALL);
  chmodSync(path.join(root, 'DEBIAN', 'postinst'), 0o755);
  const deb = path.join(workDir, `switchboard_${input.version}_amd64.deb`);
  execFileSync('dpkg-deb', ['--build', '--root-owner-group', '-Zgzip', root, deb], { stdio: 'pipe' });
  return deb;
}

export function buildRpm(input: LinuxPackageInput, requires: string[], workDir: string): string {
  const tree = path.join(workDir, 'rpm-tree');
  stageInstallTree(input, tree);
  const top = path.join(workDir, 'rpmbuild');
  for (const dir of ['SPECS', 'RPMS', 'BUILD', 'BUILDROOT']) mkdirSync(path.join(top, dir), { recursive: true });
  const spec = path.join(top, 'SPECS', 'switchboard.spec');
  writeFileSync(
    spec,
    [
      'Name: switchboard',
      `Version: ${input.version}`,
      'Release: 1',
      `Summary: ${input.description}`,
      'License: Apache-2.0',
      `Requires: ${requires.join(', ')}`,
      'AutoReqProv: no',
      '%global __os_install_post %{nil}',
      '%global debug_package %{nil}',
      '%description',
      input.description,
      '%install',
      `cp -a ${tree}/. %{buildroot}/`,
      '%post',
      POST_INSTALL.split('\n').slice(2).join('\n'),
      '%files',
      '/opt/Switchboard',
      '/usr/share/applications/switchboard.desktop',
      '/usr/share/icons/hicolor/*/apps/switchboard.png',
      '',
    ].join('\n'),
  );
  execFileSync('rpmbuild', ['-bb', '--define', `_topdir ${top}`, '--target', 'x86_64', spec], { stdio: 'pipe' });
  return path.join(top, 'RPMS', 'x86_64', `switchboard-${input.version}-1.x86_64.rpm`);
}
