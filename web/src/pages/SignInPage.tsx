// The sign-in flow: credentials, then whatever step the session still has pending.
import { useState, type FormEvent } from 'react';
import { login, logout, type SessionInfo } from '../api';
import { TextField } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { fieldErrors } from '../forms';
import { useAction, useDocumentTitle } from '../hooks';
import { PasswordChangeStep, TotpEnrollmentStep, TotpStep } from './SignInSteps';

interface SignInPageProps {
  /** A session that is signed in but still has a step pending (e.g. after a reload). */
  pendingSession: SessionInfo | null;
  message: string | null;
  onSignedIn: (session: SessionInfo) => void;
}

export function SignInPage({ pendingSession, message, onSignedIn }: SignInPageProps) {
  useDocumentTitle('Sign in');
  const [session, setSession] = useState(pendingSession);

  function advance(next: SessionInfo) {
    if (next.pending === null) onSignedIn(next);
    else setSession(next);
  }

  function startOver() {
    logout().catch(() => undefined);
    setSession(null);
  }

  return (
    <div className="auth-page">
      <main className="auth-card">
        <p className="brand">Vigil</p>
        <SignInStep session={session} message={message} onDone={advance} onStartOver={startOver} />
      </main>
    </div>
  );
}

interface SignInStepProps {
  session: SessionInfo | null;
  message: string | null;
  onDone: (session: SessionInfo) => void;
  onStartOver: () => void;
}

function SignInStep({ session, message, onDone, onStartOver }: SignInStepProps) {
  switch (session?.pending ?? null) {
    case 'totp':
      return <TotpStep onDone={onDone} onStartOver={onStartOver} />;
    case 'totp_enrollment':
      return <TotpEnrollmentStep onDone={onDone} onStartOver={onStartOver} />;
    case 'password_change':
      return <PasswordChangeStep onDone={onDone} onStartOver={onStartOver} />;
    case null:
      return <CredentialsStep message={message} onDone={onDone} />;
  }
}

function CredentialsStep({ message, onDone }: { message: string | null; onDone: (session: SessionInfo) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useAction(login);
  const errors = fieldErrors(signIn.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await signIn.run(username, password);
    if (result.ok) onDone(result.value);
    else setPassword('');
  }

  return (
    <form onSubmit={submit} noValidate>
      <h1>Sign in</h1>
      {message && !signIn.error ? (
        <div className="alert alert-info" role="status" data-testid="session-message">
          {message}
        </div>
      ) : null}
      <ProblemAlert error={signIn.error} fields={['username', 'password']} testId="login-error" />
      <TextField
        label="Username"
        value={username}
        onChange={setUsername}
        error={errors.username}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        testId="login-username"
      />
      <TextField
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        autoComplete="current-password"
        required
        testId="login-password"
      />
      <button type="submit" className="button button-primary button-wide" disabled={signIn.busy} data-testid="login-submit">
        {signIn.busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
