// electron-builder's `msiProjectCreated` hook (electron-builder.yml): before WiX compiles the MSI, adds the
// public properties IT passes on the msiexec command line and writes each one, when given, to the policy
// key the app reads (HKLM\Software\Policies\Switchboard, main/policy/windows-registry.ts):
//   msiexec /i Switchboard-<version>-win-x64.msi /qn PLATFORM_URL=https://switchboard.corp.example UPDATES_DISABLED=1
// CommonJS because electron-builder require()s hooks.
'use strict';
const { readFile, writeFile } = require('node:fs/promises');

/** MSI property → the policy value it sets (type as the ADMX template writes it). */
const MSI_POLICY_PROPERTIES = [
  { property: 'PLATFORM_URL', valueName: 'platformUrl', type: 'string', guid: '{2E5C8A41-7B3D-4F19-A6E2-9C0D1B8F4A73}' },
  { property: 'SIP_WS_URL', valueName: 'sipWsUrl', type: 'string', guid: '{8D1F6B2C-3A4E-4C57-B9D8-0E7A2F5C6B19}' },
  { property: 'UPDATE_URL', valueName: 'updateUrl', type: 'string', guid: '{5A9E3C7D-1F2B-4D68-8C4A-6B0E9D2F7A35}' },
  { property: 'UPDATES_DISABLED', valueName: 'updatesDisabled', type: 'integer', guid: '{C47B1E9A-6D3F-4A28-9E5B-2F8C0A7D1B64}' },
];

const REGISTRY_KEY = 'Software\\Policies\\Switchboard';

/** The project's WiX source with the properties, one conditional registry component each, and their refs. */
function injectPolicyProperties(wxs) {
  const featureStart = '<Feature Id="ProductFeature" Absent="disallow">';
  if (!wxs.includes(featureStart) || !wxs.includes('</Product>')) throw new Error('msi-project-created: the WiX project has no ProductFeature or Product element');
  const definitions = MSI_POLICY_PROPERTIES.map(
    ({ property, valueName, type, guid }) => `
    <Property Id="${property}" Secure="yes"/>
    <DirectoryRef Id="APPLICATIONFOLDER">
      <Component Id="Policy_${valueName}" Guid="${guid}">
        <Condition>${property}</Condition>
        <RegistryValue Root="HKLM" Key="${REGISTRY_KEY}" Name="${valueName}" Type="${type}" Value="[${property}]" KeyPath="yes"/>
      </Component>
    </DirectoryRef>`,
  ).join('');
  const refs = MSI_POLICY_PROPERTIES.map(({ valueName }) => `\n      <ComponentRef Id="Policy_${valueName}"/>`).join('');
  return wxs.replace(featureStart, `${featureStart}${refs}`).replace('</Product>', `${definitions}\n  </Product>`);
}

async function msiProjectCreated(projectFile) {
  await writeFile(projectFile, injectPolicyProperties(await readFile(projectFile, 'utf8')));
}

module.exports = msiProjectCreated;
module.exports.default = msiProjectCreated;
module.exports.injectPolicyProperties = injectPolicyProperties;
module.exports.MSI_POLICY_PROPERTIES = MSI_POLICY_PROPERTIES;
