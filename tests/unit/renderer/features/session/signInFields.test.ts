import { describe, expect, it } from 'vitest';
import { errorsFromApi, firstInvalidField, hasErrors, validateSignIn } from '../../../../../renderer/src/features/session/signInFields';

describe('validateSignIn', () => {
  it('passes a complete form', () => {
    expect(hasErrors(validateSignIn({ platformUrl: 'https://pbx.example.com', username: 'alice', password: 'pw' }))).toBe(false);
  });
  it('names every missing or bad field', () => {
    const errors = validateSignIn({ platformUrl: 'ftp://x', username: '  ', password: '' });
    expect(errors.platformUrl).toMatch(/http/);
    expect(errors.username).toMatch(/username/);
    expect(errors.password).toMatch(/password/);
    expect(firstInvalidField(errors)).toBe('platformUrl');
  });
});

describe('errorsFromApi', () => {
  it('puts field errors on their field', () => {
    const errors = errorsFromApi({ code: 'VALIDATION_FAILED', message: 'bad', fields: [{ path: 'username', message: 'must not be empty' }] });
    expect(errors).toEqual({ username: 'must not be empty' });
  });
  it('turns a refused login into a form error the agent understands', () => {
    expect(errorsFromApi({ code: 'UNAUTHENTICATED', message: 'invalid credentials' })).toEqual({ form: 'Wrong username or password.' });
    expect(errorsFromApi({ code: 'UNAVAILABLE', message: 'Platform unreachable' })).toEqual({ form: 'Platform unreachable' });
  });
});
