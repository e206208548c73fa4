import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useAppSelector } from '../../app/hooks';
import { useSignInMutation } from '../../app/switchboardApi';
import { TextField } from '../../ui/TextField';
import { asApiError } from '../../ui/apiError';
import { errorsFromApi, firstInvalidField, hasErrors, validateSignIn, type SignInErrors, type SignInField } from './signInFields';
import { selectPlatformUrl } from './sessionSlice';

export function SignInForm() {
  const knownUrl = useAppSelector(selectPlatformUrl);
  const [values, setValues] = useState({ platformUrl: knownUrl ?? '', username: '', password: '' });
  const [errors, setErrors] = useState<SignInErrors>({});
  const [signIn, { isLoading }] = useSignInMutation();
  const formRef = useRef<HTMLFormElement>(null);

  // The core may report the platform address after the first render.
  useEffect(() => {
    if (knownUrl) setValues((v) => (v.platformUrl === '' ? { ...v, platformUrl: knownUrl } : v));
  }, [knownUrl]);

  // After a failed attempt the cursor goes to the first field to fix.
  useEffect(() => {
    // A refused sign-in (no field named) is most often a mistyped password.
    const field = firstInvalidField(errors) ?? (errors.form ? 'password' : null);
    if (field) formRef.current?.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus();
  }, [errors]);

  const change = (field: SignInField) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local = validateSignIn(values);
    setErrors(local);
    if (hasErrors(local)) return;
    const result = await signIn({ platformUrl: values.platformUrl.trim(), username: values.username.trim(), password: values.password });
    if (result.error) setErrors(errorsFromApi(asApiError(result.error)));
  }

  return (
    <main className="sign-in">
      <form ref={formRef} className="card sign-in-card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="sign-in-title">
        <div className="brand brand-large" aria-hidden="true">Switchboard</div>
        <h1 id="sign-in-title">Sign in</h1>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <TextField name="platformUrl" label="Platform address" type="url" autoComplete="url" value={values.platformUrl} onChange={change('platformUrl')} error={errors.platformUrl} />
        <TextField name="username" label="Username" autoComplete="username" autoFocus value={values.username} onChange={change('username')} error={errors.username} />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" value={values.password} onChange={change('password')} error={errors.password} />
        <button type="submit" className="button primary wide" disabled={isLoading}>
          {isLoading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
