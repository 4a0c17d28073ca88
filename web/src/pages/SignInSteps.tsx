// The pending steps of a sign-in: TOTP code, TOTP enrolment, password change.
import { useState, type FormEvent } from 'react';
import { changePassword, enableTotp, setupTotp, submitTotp, type SessionInfo } from '../api';
import { TextField } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { fieldErrors, type FieldErrors } from '../forms';
import { useAction, useLoad } from '../hooks';

interface StepProps {
  onDone: (session: SessionInfo) => void;
  onStartOver: () => void;
}

const MIN_PASSWORD_LENGTH = 12;

function StartOver({ onStartOver }: { onStartOver: () => void }) {
  return (
    <p className="auth-footer">
      <button type="button" className="button-link" onClick={onStartOver}>
        Cancel and sign in as someone else
      </button>
    </p>
  );
}

interface CodeFormProps {
  submitLabel: string;
  send: (code: string) => Promise<SessionInfo>;
  onDone: (session: SessionInfo) => void;
}

function CodeForm({ submitLabel, send, onDone }: CodeFormProps) {
  const [code, setCode] = useState('');
  const verify = useAction(send);
  const errors = fieldErrors(verify.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await verify.run(code.replace(/\s+/g, ''));
    if (result.ok) onDone(result.value);
    else setCode('');
  }

  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert error={verify.error} fields={['code']} />
      <TextField
        label="Code from your authenticator app"
        value={code}
        onChange={setCode}
        error={errors.code}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        autoFocus
        testId="totp-code"
      />
      <button type="submit" className="button button-primary button-wide" disabled={verify.busy} data-testid="totp-submit">
        {verify.busy ? 'Checking…' : submitLabel}
      </button>
    </form>
  );
}

export function TotpStep({ onDone, onStartOver }: StepProps) {
  return (
    <>
      <h1>Two-step verification</h1>
      <p>Enter the current code shown by your authenticator app.</p>
      <CodeForm submitLabel="Verify" send={submitTotp} onDone={onDone} />
      <StartOver onStartOver={onStartOver} />
    </>
  );
}

export function TotpEnrollmentStep({ onDone, onStartOver }: StepProps) {
  const setup = useLoad(() => setupTotp(), []);
  return (
    <>
      <h1>Set up two-step verification</h1>
      <p>
        Your account needs an authenticator app. Add an account in the app with the secret key below (or give it the otpauth URI), then
        enter the code it shows.
      </p>
      <ProblemAlert error={setup.error} />
      {setup.error ? (
        <button type="button" className="button" onClick={setup.reload}>
          Try again
        </button>
      ) : null}
      {setup.loading && !setup.data ? <Loading what="Preparing your secret key" /> : null}
      {setup.data ? (
        <>
          <dl className="details totp-setup">
            <dt>Secret key</dt>
            <dd>
              <code className="copyable" data-testid="totp-secret">
                {setup.data.secret}
              </code>
            </dd>
            <dt>otpauth URI</dt>
            <dd>
              <code className="copyable" data-testid="totp-uri">
                {setup.data.otpauthUri}
              </code>
            </dd>
          </dl>
          <CodeForm submitLabel="Turn on two-step verification" send={enableTotp} onDone={onDone} />
        </>
      ) : null}
      <StartOver onStartOver={onStartOver} />
    </>
  );
}

function checkNewPassword(newPassword: string, confirmation: string): FieldErrors {
  const errors: FieldErrors = {};
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    errors.newPassword = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  } else if (confirmation !== newPassword) {
    errors.confirmation = 'The two new passwords do not match.';
  }
  return errors;
}

export function PasswordChangeStep({ onDone, onStartOver }: StepProps) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const change = useAction(changePassword);
  const errors = { ...fieldErrors(change.error), ...localErrors };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = checkNewPassword(newPassword, confirmation);
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const result = await change.run(currentPassword, newPassword);
    if (result.ok) onDone(result.value);
  }

  return (
    <form onSubmit={submit} noValidate>
      <h1>Choose a new password</h1>
      <p>You need to set a new password before you continue.</p>
      <ProblemAlert error={change.error} fields={['currentPassword', 'newPassword']} />
      <TextField
        label="Current password"
        hint="If an administrator gave you a one-time password, enter it here."
        type="password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={errors.currentPassword}
        autoComplete="current-password"
        required
        autoFocus
        testId="password-current"
      />
      <TextField
        label="New password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
        type="password"
        value={newPassword}
        onChange={setNewPassword}
        error={errors.newPassword}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        required
        testId="password-new"
      />
      <TextField
        label="New password again"
        type="password"
        value={confirmation}
        onChange={setConfirmation}
        error={errors.confirmation}
        autoComplete="new-password"
        required
        testId="password-confirm"
      />
      <button type="submit" className="button button-primary button-wide" disabled={change.busy} data-testid="password-submit">
        {change.busy ? 'Saving…' : 'Change password'}
      </button>
      <StartOver onStartOver={onStartOver} />
    </form>
  );
}
