// The deliberate, audited acts on a site its agency's investigators and administrators may take:
// importing session cookies for a login-walled forum (never shown again: the console only says
// whether a session is imported), and turning on the keeping of fetched media, with a reason.
import { useState, type FormEvent } from 'react';
import { setKeepMedia, setSiteSession, type Site } from '../darkweb-api';
import { fieldErrors } from '../forms';
import { useAction } from '../hooks';
import { Badge } from './Badge';
import { TextAreaField } from './Field';
import { ProblemAlert } from './ProblemAlert';
import { SuccessNote } from './Status';

export function SessionImport({ site, onChanged }: { site: Site; onChanged: (site: Site) => void }) {
  const [cookie, setCookie] = useState('');
  const [done, setDone] = useState<'imported' | 'removed' | null>(null);
  const save = useAction((value: string | null) => setSiteSession(site.id, value));
  const errors = fieldErrors(save.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const result = await save.run(cookie.trim());
    if (result.ok) {
      // The value leaves the page as soon as the server has it.
      setCookie('');
      setDone('imported');
      onChanged(result.value);
    }
  }

  async function remove() {
    setDone(null);
    const result = await save.run(null);
    if (result.ok) {
      setCookie('');
      setDone('removed');
      onChanged(result.value);
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="darkweb-session-title" data-testid="darkweb-session-form">
      <h2 id="darkweb-session-title">Session</h2>
      <p data-testid="darkweb-session-state">
        {site.hasSession ? <Badge tone="info">Session imported</Badge> : <Badge>No session</Badge>}{' '}
        <span className="muted">
          {site.hasSession
            ? 'The crawler sends it with every request. It is never shown again; import a new one when the forum logs the crawler out.'
            : 'Only needed for a forum behind a login.'}
        </span>
      </p>
      {done ? (
        <SuccessNote testId="darkweb-session-done">{done === 'imported' ? 'Session imported.' : 'Session removed.'}</SuccessNote>
      ) : null}
      <ProblemAlert error={save.error} fields={['cookie']} />
      <TextAreaField
        label={site.hasSession ? 'Replace the session' : 'Import a session'}
        hint="The Cookie header value of a signed-in browser session: name=value; name2=value2, on one line. It is stored for the crawler only; the audit log records the import without it."
        value={cookie}
        onChange={setCookie}
        error={errors.cookie}
        rows={3}
        autoComplete="off"
        spellCheck={false}
        testId="darkweb-session-cookie"
      />
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.busy || cookie.trim() === ''}
          data-testid="darkweb-session-submit"
        >
          {save.busy ? 'Saving…' : 'Import session'}
        </button>
        {site.hasSession ? (
          <button type="button" className="button button-danger" onClick={remove} disabled={save.busy} data-testid="darkweb-session-remove">
            Remove the session
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function KeepMediaSwitch({ site, onChanged }: { site: Site; onChanged: (site: Site) => void }) {
  const [reason, setReason] = useState('');
  const save = useAction((keep: boolean) => setKeepMedia(site.id, keep, reason.trim()));
  const errors = fieldErrors(save.error);
  const next = !site.keepMedia;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.run(next);
    if (result.ok) {
      setReason('');
      onChanged(result.value);
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="darkweb-keep-media-title" data-testid="darkweb-keep-media-form">
      <h2 id="darkweb-keep-media-title">Keeping media</h2>
      <p data-testid="darkweb-keep-media-state">
        {site.keepMedia ? <Badge tone="danger">On: media kept, encrypted</Badge> : <Badge tone="success">Off: hashes only</Badge>}
      </p>
      {next ? (
        <div className="alert alert-warning" role="note">
          <p>
            <strong>Turning this on stores the material itself.</strong> Every image and video fetched from this site will be kept on the
            server, encrypted, for victim identification, instead of only its hashes. Do it only when the legal basis of this site covers it
            and victim identification needs it. The change and your reason are recorded in the audit log.
          </p>
        </div>
      ) : (
        <p className="muted">Turning this off stops keeping new media: visits record hashes only again. Media already kept stay kept.</p>
      )}
      <ProblemAlert error={save.error} fields={['reason']} />
      <TextAreaField
        label="Reason"
        hint="Required: why the keeping of media is turned on or off, for the audit log."
        value={reason}
        onChange={setReason}
        error={errors.reason}
        required
        rows={2}
        testId="darkweb-keep-media-reason"
      />
      <div className="actions">
        <button
          type="submit"
          className={next ? 'button button-danger' : 'button'}
          disabled={save.busy || reason.trim().length < 3}
          data-testid="darkweb-keep-media-submit"
        >
          {save.busy ? 'Saving…' : next ? 'Keep media from this site' : 'Stop keeping media'}
        </button>
      </div>
    </form>
  );
}
