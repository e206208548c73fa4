/** Field-by-field checks of the sign-in form, and the core's field errors mapped onto the same fields. */
import type { ApiError } from '../../../../common/desktop-api';

export type SignInValues = { platformUrl: string; username: string; password: string };
export type SignInField = keyof SignInValues;
export type SignInErrors = Partial<Record<SignInField, string>> & { form?: string };

const FIELDS: readonly SignInField[] = ['platformUrl', 'username', 'password'];

export function validateSignIn(values: SignInValues): SignInErrors {
  const errors: SignInErrors = {};
  const url = values.platformUrl.trim();
  if (url === '') errors.platformUrl = 'Enter the platform address, e.g. https://switchboard.example.com';
  else if (!isHttpUrl(url)) errors.platformUrl = 'The platform address must start with http:// or https://';
  if (values.username.trim() === '') errors.username = 'Enter your username';
  if (values.password === '') errors.password = 'Enter your password';
  return errors;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Errors from the core: field errors land on their field, the rest (wrong password, platform down) on the form. */
export function errorsFromApi(error: ApiError): SignInErrors {
  const errors: SignInErrors = {};
  for (const field of error.fields ?? []) {
    const name = FIELDS.find((f) => field.path === f || field.path.endsWith(`.${f}`));
    if (name && !errors[name]) errors[name] = field.message;
  }
  const placed = FIELDS.some((f) => errors[f] !== undefined);
  if (!placed) errors.form = error.code === 'UNAUTHENTICATED' ? 'Wrong username or password.' : error.message;
  return errors;
}

export function hasErrors(errors: SignInErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

/** The first field to put the cursor in after a failed attempt. */
export function firstInvalidField(errors: SignInErrors): SignInField | null {
  return FIELDS.find((f) => errors[f] !== undefined) ?? null;
}
