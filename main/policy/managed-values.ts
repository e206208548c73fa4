/**
 * Turns what Windows' registry or a macOS profile holds into a policy document of the JSON file's shape,
 * key by key, by each key's kind in the schema (policy-schema.ts). The result goes through the same zod
 * validation as the file; a value that cannot even be converted becomes a problem for its key.
 */
import { POLICY_KEY_DESCRIPTIONS } from './policy-schema';
import { isPolicyKey, type PolicyProblem } from './validate-policy';

/** One registry value as `reg query` prints it. */
export interface RegistryValue {
  type: string;
  data: string;
}

export interface ManagedDocument {
  document: Record<string, unknown>;
  problems: PolicyProblem[];
}

/**
 * Registry values → a policy document. Booleans and the percentage are REG_DWORD, lists REG_MULTI_SZ,
 * a list of objects or an object (iceServers, settings) JSON text in a REG_SZ, the rest REG_SZ.
 */
export function documentFromRegistry(values: Record<string, RegistryValue>, source: string): ManagedDocument {
  const document: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    // An unknown name passes through as text, so the validation reports it as an unknown key.
    const kind = isPolicyKey(name) ? POLICY_KEY_DESCRIPTIONS[name].kind : 'url';
    const converted = convertRegistryValue(kind, value);
    if ('error' in converted) problems.push({ source, key: name, message: converted.error });
    else document[name] = converted.value;
  }
  return { document, problems };
}

type Converted = { value: unknown } | { error: string };

function convertRegistryValue(kind: string, { type, data }: RegistryValue): Converted {
  switch (kind) {
    case 'boolean':
    case 'percentage': {
      if (type !== 'REG_DWORD') return { error: `must be a REG_DWORD (found ${type})` };
      const number = Number.parseInt(data, 16);
      if (!/^0x[0-9a-f]+$/i.test(data) || Number.isNaN(number)) return { error: `is not a REG_DWORD number (${data})` };
      if (kind === 'percentage') return { value: number };
      if (number === 0 || number === 1) return { value: number === 1 };
      return { error: 'must be 1 (on) or 0 (off)' };
    }
    case 'stringList':
      if (type !== 'REG_MULTI_SZ') return { error: `must be a REG_MULTI_SZ, one entry a line (found ${type})` };
      // reg query prints the entries joined by a literal \0.
      return { value: data === '' ? [] : data.split('\\0').filter((entry) => entry !== '') };
    case 'json':
      if (type !== 'REG_SZ') return { error: `must be a REG_SZ holding JSON (found ${type})` };
      try {
        return { value: JSON.parse(data) as unknown };
      } catch (error) {
        return { error: `is not valid JSON (${(error as Error).message})` };
      }
    default:
      if (type !== 'REG_SZ' && type !== 'REG_EXPAND_SZ') return { error: `must be a REG_SZ (found ${type})` };
      return { value: data };
  }
}
