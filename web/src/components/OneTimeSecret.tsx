// A secret the server returns once (password, API token), with a clear "shown once" note.
import { useState } from 'react';

interface OneTimeSecretProps {
  title: string;
  secret: string;
  note: string;
  onDismiss: () => void;
  testId?: string;
}

function clipboardAvailable(): boolean {
  return window.isSecureContext && 'clipboard' in navigator;
}

export function OneTimeSecret({ title, secret, note, onDismiss, testId = 'one-time-secret' }: OneTimeSecretProps) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section className="secret" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <p>
        <strong>Shown once.</strong> {note}
      </p>
      <pre className="secret-value">
        <code data-testid={`${testId}-value`}>{secret}</code>
      </pre>
      <div className="actions">
        {clipboardAvailable() ? (
          <button type="button" className="button" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onDismiss}>
          I have stored it, hide it
        </button>
      </div>
    </section>
  );
}
