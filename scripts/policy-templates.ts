/**
 * The IT policy's templates, generated from the one schema (main/policy/policy-schema.ts): the Windows
 * ADMX/ADML pair (values under HKLM\Software\Policies\Switchboard), a macOS configuration profile for the
 * app's managed-preferences domain, and the example JSON file. scripts/generate-policy-templates.ts
 * writes them to deploy/policy/; a test proves the committed files are what this produces.
 */
import { POLICY_KEY_DESCRIPTIONS, POLICY_KEY_NAMES, type PolicyKey, type PolicyKeyDescription } from '../main/policy/policy-schema';

/** Where each file lives under deploy/policy/ → its text. */
export type PolicyTemplates = Record<string, string>;

const REGISTRY_KEY = 'Software\\Policies\\Switchboard';
const ADMX_NAMESPACE = 'Switchboard.Policies.Switchboard';
const MANAGED_DOMAIN = 'org.switchboard.desktop';
/** revision of the template: bump when a policy is added or changed, so GPMC's central store picks it up */
const TEMPLATE_REVISION = '1.1';
/** Lengths beyond ADMX's default of 1023: a URL, and JSON text (ICE servers, settings). */
const MAX_LENGTH: Partial<Record<PolicyKeyDescription['kind'], number>> = { url: 2048, json: 16384 };

export function policyTemplates(): PolicyTemplates {
  return {
    'windows/Switchboard.admx': admx(),
    'windows/en-US/Switchboard.adml': adml(),
    [`macos/${MANAGED_DOMAIN}.mobileconfig`]: mobileconfig(),
    'linux/policy.json': `${JSON.stringify(examplePolicy(), null, 2)}\n`,
  };
}

function examplePolicy(): Record<string, unknown> {
  return Object.fromEntries(POLICY_KEY_NAMES.map((key) => [key, POLICY_KEY_DESCRIPTIONS[key].example]));
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function admx(): string {
  const policies = POLICY_KEY_NAMES.map(admxPolicy).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from main/policy/policy-schema.ts by scripts/generate-policy-templates.ts; do not edit. -->
<policyDefinitions xmlns="http://www.microsoft.com/GroupPolicy/PolicyDefinitions" revision="${TEMPLATE_REVISION}" schemaVersion="1.0">
  <policyNamespaces>
    <target prefix="switchboard" namespace="${ADMX_NAMESPACE}" />
  </policyNamespaces>
  <resources minRequiredRevision="${TEMPLATE_REVISION}" />
  <supportedOn>
    <definitions>
      <definition name="SUPPORTED_Switchboard" displayName="$(string.SUPPORTED_Switchboard)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="Switchboard" displayName="$(string.Switchboard)" />
  </categories>
  <policies>
${policies}
  </policies>
</policyDefinitions>
`;
}

function admxPolicy(key: PolicyKey): string {
  const { kind, choices } = POLICY_KEY_DESCRIPTIONS[key];
  const head = (extra: string) =>
    `    <policy name="${key}" class="Machine" displayName="$(string.${key})" explainText="$(string.${key}_Explain)"${extra} key="${REGISTRY_KEY}"`;
  const category = `      <parentCategory ref="Switchboard" />\n      <supportedOn ref="SUPPORTED_Switchboard" />`;
  if (kind === 'boolean') {
    // Enabled writes 1, Disabled writes 0: the REG_DWORD the app reads as true/false.
    return `${head('')} valueName="${key}">
${category}
      <enabledValue><decimal value="1" /></enabledValue>
      <disabledValue><decimal value="0" /></disabledValue>
    </policy>`;
  }
  let element: string;
  if (kind === 'enum') {
    const items = (choices ?? []).map((choice) => `          <item displayName="$(string.${key}_${choice})"><value><string>${xml(choice)}</string></value></item>`).join('\n');
    element = `        <enum id="${key}" valueName="${key}" required="true">\n${items}\n        </enum>`;
  } else if (kind === 'percentage') {
    element = `        <decimal id="${key}" valueName="${key}" required="true" minValue="0" maxValue="100" />`;
  } else if (kind === 'stringList') {
    element = `        <multiText id="${key}" valueName="${key}" required="true" />`;
  } else {
    element = `        <text id="${key}" valueName="${key}" required="true" maxLength="${MAX_LENGTH[kind] ?? 1023}" />`;
  }
  return `${head(` presentation="$(presentation.${key})"`)}>
${category}
      <elements>
${element}
      </elements>
    </policy>`;
}

function explainText(description: PolicyKeyDescription): string {
  const registryType = { url: 'REG_SZ', enum: 'REG_SZ', boolean: 'REG_DWORD', percentage: 'REG_DWORD', stringList: 'REG_MULTI_SZ', json: 'REG_SZ (JSON text)' }[description.kind];
  const allowed = description.kind === 'stringList' && description.choices ? ` Allowed: ${description.choices.join(', ')}.` : '';
  return `${description.explain}${allowed} Sets a ${registryType} under HKLM\\${REGISTRY_KEY}.`;
}

function adml(): string {
  const strings: string[] = [
    `      <string id="Switchboard">Switchboard</string>`,
    `      <string id="SUPPORTED_Switchboard">Switchboard 0.1 and later</string>`,
  ];
  const presentations: string[] = [];
  for (const key of POLICY_KEY_NAMES) {
    const description = POLICY_KEY_DESCRIPTIONS[key];
    strings.push(`      <string id="${key}">${xml(description.title)}</string>`, `      <string id="${key}_Explain">${xml(explainText(description))}</string>`);
    for (const choice of description.kind === 'enum' ? (description.choices ?? []) : []) strings.push(`      <string id="${key}_${choice}">${xml(choice)}</string>`);
    const control = {
      url: `<textBox refId="${key}"><label>${xml(description.title)}</label></textBox>`,
      json: `<textBox refId="${key}"><label>${xml(description.title)} (JSON)</label></textBox>`,
      enum: `<dropdownList refId="${key}" noSort="true" defaultItem="0">${xml(description.title)}</dropdownList>`,
      percentage: `<decimalTextBox refId="${key}" defaultValue="100">${xml(description.title)}</decimalTextBox>`,
      stringList: `<multiTextBox refId="${key}">${xml(description.title)}</multiTextBox>`,
      boolean: null,
    }[description.kind];
    if (control) presentations.push(`      <presentation id="${key}">\n        ${control}\n      </presentation>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from main/policy/policy-schema.ts by scripts/generate-policy-templates.ts; do not edit. -->
<policyDefinitionResources xmlns="http://www.microsoft.com/GroupPolicy/PolicyDefinitions" revision="${TEMPLATE_REVISION}" schemaVersion="1.0">
  <displayName>Switchboard</displayName>
  <description>Switchboard agent desktop: platform, calls, updates and locked settings.</description>
  <resources>
    <stringTable>
${strings.join('\n')}
    </stringTable>
    <presentationTable>
${presentations.join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
}

/** A property-list value as XML, indented by `depth` tabs. */
function plistValue(value: unknown, depth: number): string {
  const pad = '\t'.repeat(depth);
  if (typeof value === 'string') return `${pad}<string>${xml(value)}</string>`;
  if (typeof value === 'boolean') return `${pad}<${String(value)}/>`;
  if (typeof value === 'number' && Number.isInteger(value)) return `${pad}<integer>${value}</integer>`;
  if (Array.isArray(value)) return `${pad}<array>\n${value.map((entry) => plistValue(entry, depth + 1)).join('\n')}\n${pad}</array>`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, entry]) => `${pad}\t<key>${xml(key)}</key>\n${plistValue(entry, depth + 1)}`);
    return `${pad}<dict>\n${entries.join('\n')}\n${pad}</dict>`;
  }
  throw new Error(`no property-list form for ${JSON.stringify(value)}`);
}

function mobileconfig(): string {
  // Fixed UUIDs keep the generated file stable; an MDM re-issues its own when it imports the profile.
  const payload = {
    PayloadDisplayName: 'Switchboard policy',
    PayloadIdentifier: `${MANAGED_DOMAIN}.policy`,
    PayloadType: MANAGED_DOMAIN,
    PayloadUUID: '3F2A5C4E-8B1D-4E6F-9A7C-2D5E8F1B3C6A',
    PayloadVersion: 1,
    ...examplePolicy(),
  };
  const profile = {
    PayloadContent: [payload],
    PayloadDescription: 'Sets and locks Switchboard settings for every user of this Mac (managed preferences domain org.switchboard.desktop).',
    PayloadDisplayName: 'Switchboard',
    PayloadIdentifier: `${MANAGED_DOMAIN}.profile`,
    PayloadOrganization: 'Example Corp',
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: '9C1E7B3D-4A2F-4D8E-B6C5-1F3A9E7D2B4C',
    PayloadVersion: 1,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Generated from main/policy/policy-schema.ts by scripts/generate-policy-templates.ts; an example: set your own values. -->
<plist version="1.0">
${plistValue(profile, 0)}
</plist>
`;
}
