/** A refusal of setSetting as the line shown under the field: the core's message, then any further field errors. */
import type { ApiError } from '../../../../common/desktop-api';

export function settingErrorText(error: ApiError): string {
  const further = (error.fields ?? []).slice(1).map((field) => `${field.path}: ${field.message}`);
  return [error.message, ...further].join('; ');
}
