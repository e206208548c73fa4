import { describe, expect, it } from 'vitest';
import { settingErrorText } from '../../../../../renderer/src/features/settings/settingError';

describe('settingErrorText', () => {
  it('is the core message, followed by any further field errors', () => {
    expect(settingErrorText({ code: 'FORBIDDEN', message: 'The setting "x" is locked.' })).toBe('The setting "x" is locked.');
    expect(
      settingErrorText({
        code: 'VALIDATION_FAILED',
        message: 'Invalid setSetting request: key: too long',
        fields: [
          { path: 'key', message: 'too long' },
          { path: 'value', message: 'invalid' },
        ],
      }),
    ).toBe('Invalid setSetting request: key: too long; value: invalid');
  });
});
