// Notices → one tip: what the sender wrote (always as text, never as markup), the photos (blurred
// until revealed), the contact details if given; for the owning agency, the triage status, who
// else may see it, internal notes and replies the sender reads with their reference and secret.
import { useState, type FormEvent } from 'react';
import { listAgencies } from '../api';
import { DateTime } from '../components/DateTime';
import { TextAreaField } from '../components/Field';
import { TipStatusBadge } from '../components/NoticeBadges';
import { NoticeVisibilityFields } from '../components/NoticeVisibilityFields';
import { NoticesTabs } from '../components/NoticesTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading, SuccessNote } from '../components/Status';
import { TipPhoto } from '../components/TipPhoto';
import { fieldErrors } from '../forms';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import {
  TIP_STATUSES,
  addTipNote,
  getTip,
  replyToTip,
  updateTip,
  TIP_VISIBILITIES,
  type Tip,
  type TipChanges,
  type TipStatus,
  type TipVisibility,
} from '../notices-api';
import { TIP_STATUS_HINTS, languageLabel, publicNumberText, tipMessageKindLabel, tipStatusLabel } from '../notices-format';
import { canChangeTips } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';

export function TipPage({ id }: { id: string }) {
  const tip = useLoad((signal) => getTip(id, signal), [id]);
  useDocumentTitle(tip.data ? `Tip ${tip.data.reference}` : 'Tip');

  if (tip.error?.status === 404) {
    return (
      <section data-testid="tip-not-found">
        <PageHeader section="Tips" title="Tip not found" />
        <p>Not found or not shared with your agency.</p>
        <p>
          <a href={href(paths.tips())}>Back to the tips</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <NoticesTabs current="tips" />
      <p className="breadcrumb">
        <a href={href(paths.tips())}>← Tips</a>
      </p>
      <ProblemAlert error={tip.error} testId="tip-error" />
      {tip.loading && !tip.data ? <Loading what="Loading the tip" /> : null}
      {tip.data ? <TipDetail tip={tip.data} onChanged={tip.setData} /> : null}
    </>
  );
}

function TipDetail({ tip, onChanged }: { tip: Tip; onChanged: (tip: Tip) => void }) {
  const { user } = useSession().session;
  const owned = tip.ownerAgencyId === user.agency.id;
  const changeable = owned && canChangeTips(user);
  const contact = [tip.contactName, tip.contactEmail, tip.contactPhone].filter((part): part is string => Boolean(part));

  return (
    <article data-testid="tip-detail" data-tip-id={tip.id} data-status={tip.status}>
      <PageHeader section="Tip" title={`Tip ${tip.reference}`} />
      <p className="badges">
        <TipStatusBadge status={tip.status} />
      </p>
      <dl className="details">
        <dt>About</dt>
        <dd>
          <a href={href(paths.notice(tip.noticeId))}>{tip.noticeDisplayName || 'Untitled notice'}</a>{' '}
          <span className="muted">{publicNumberText(tip.noticePublicNumber)}</span>
        </dd>
        <dt>Received</dt>
        <dd>
          <DateTime value={tip.createdAt} />
        </dd>
        <dt>Written in</dt>
        <dd>{languageLabel(tip.language)}</dd>
        <dt>Sender</dt>
        <dd data-testid="tip-contact">
          {contact.length === 0 ? (
            <span className="muted">Anonymous</span>
          ) : (
            contact.map((part, index) => (
              <span key={index} className="cell-sub">
                {part}
              </span>
            ))
          )}
        </dd>
      </dl>

      <section aria-labelledby="tip-body-title">
        <h2 id="tip-body-title">What the sender wrote</h2>
        {/* Text from the public: rendered as text, in its own direction; never as markup. */}
        <blockquote className="tip-body prose" dir="auto" data-testid="tip-body">
          {tip.body}
        </blockquote>
      </section>

      {tip.photos.length > 0 ? (
        <section aria-labelledby="tip-photos-title">
          <h2 id="tip-photos-title">Photos</h2>
          <div className="tip-photos">
            {tip.photos.map((photo, index) => (
              <TipPhoto key={photo.id} tipId={tip.id} photo={photo} index={index} />
            ))}
          </div>
        </section>
      ) : null}

      {changeable ? (
        <div className="side-by-side">
          <TipTriage tip={tip} onChanged={onChanged} />
          <TipSharing tip={tip} onChanged={onChanged} />
        </div>
      ) : (
        <p className="muted">
          {owned
            ? 'Notice officers and investigators of your agency triage, share and answer tips.'
            : 'Shared with your agency by the agency that published the notice; only they triage and answer it.'}
        </p>
      )}

      <Messages tip={tip} />
      {changeable ? (
        <div className="side-by-side">
          <MessageForm
            kind="note"
            tipId={tip.id}
            title="Add an internal note"
            label="Note"
            hint="Only your agency, and the agencies the tip is shared with, read notes."
            submitLabel="Add the note"
            onSent={onChanged}
          />
          <MessageForm
            kind="reply"
            tipId={tip.id}
            title="Reply to the sender"
            label="Reply"
            hint="The sender reads it on the public site with the tip’s reference and secret. Write nothing the public may not know."
            submitLabel="Send the reply"
            onSent={onChanged}
          />
        </div>
      ) : null}
    </article>
  );
}

function TipTriage({ tip, onChanged }: { tip: Tip; onChanged: (tip: Tip) => void }) {
  const [status, setStatus] = useState<TipStatus>(tip.status);
  const save = useAction((changes: TipChanges) => updateTip(tip.id, changes));
  const errors = fieldErrors(save.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.run({ status });
    if (result.ok) onChanged(result.value);
  }

  return (
    <form className="panel" onSubmit={submit} aria-label="Triage" data-testid="tip-triage">
      <h2>Triage</h2>
      <ProblemAlert error={save.error} fields={['status']} />
      <fieldset className={errors.status ? 'field field-invalid' : 'field'}>
        <legend>Status</legend>
        {TIP_STATUSES.map((value) => (
          <label key={value} className="checkbox radio">
            <input
              type="radio"
              name="tip-status"
              value={value}
              checked={status === value}
              onChange={() => setStatus(value)}
              data-testid={`tip-status-${value}`}
            />
            <span>
              {tipStatusLabel(value)} <span className="muted">{TIP_STATUS_HINTS[value]}</span>
            </span>
          </label>
        ))}
        {errors.status ? <p className="field-error">{errors.status}</p> : null}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.busy || status === tip.status} data-testid="tip-status-save">
          {save.busy ? 'Saving…' : 'Save the status'}
        </button>
      </div>
    </form>
  );
}

function TipSharing({ tip, onChanged }: { tip: Tip; onChanged: (tip: Tip) => void }) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const [visibility, setVisibility] = useState<TipVisibility>(tip.visibility === 'shared' ? 'shared' : 'agency');
  const [sharedWith, setSharedWith] = useState<string[]>(tip.sharedWith);
  const [saved, setSaved] = useState(false);
  const save = useAction((changes: TipChanges) => updateTip(tip.id, changes));
  const errors = fieldErrors(save.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await save.run({ visibility, ...(visibility === 'shared' && { sharedWith }) });
    if (result.ok) {
      setSaved(true);
      onChanged(result.value);
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Sharing" data-testid="tip-sharing">
      <h2>Sharing</h2>
      <p className="field-hint">Nothing of a tip is visible to another agency unless you share it here.</p>
      <ProblemAlert error={save.error} fields={['visibility', 'sharedWith']} />
      <NoticeVisibilityFields
        label="Who may read the tip"
        choices={TIP_VISIBILITIES}
        visibility={visibility}
        sharedWith={sharedWith}
        agencies={agencies.data}
        ownAgencyId={user.agency.id}
        errors={errors}
        onVisibility={(value) => {
          setSaved(false);
          setVisibility(value);
        }}
        onSharedWith={(selected) => {
          setSaved(false);
          setSharedWith(selected);
        }}
        testIdPrefix="tip"
      />
      {saved ? <SuccessNote>Sharing saved.</SuccessNote> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={save.busy} data-testid="tip-sharing-save">
          {save.busy ? 'Saving…' : 'Save the sharing'}
        </button>
      </div>
    </form>
  );
}

function Messages({ tip }: { tip: Tip }) {
  return (
    <section aria-labelledby="tip-messages-title">
      <h2 id="tip-messages-title">Notes and replies</h2>
      {tip.messages.length === 0 ? (
        <p className="muted">No notes or replies yet.</p>
      ) : (
        <ol className="messages" data-testid="tip-messages">
          {tip.messages.map((message) => (
            <li key={message.id} className={`message message-${message.kind}`} data-testid="tip-message" data-kind={message.kind}>
              <p className="message-meta">
                <strong>{tipMessageKindLabel(message.kind)}</strong>
                {message.authorName ? ` · ${message.authorName}` : ''} · <DateTime value={message.at} />
              </p>
              <p className="prose" dir="auto">
                {message.body}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

interface MessageFormProps {
  kind: 'note' | 'reply';
  tipId: string;
  title: string;
  label: string;
  hint: string;
  submitLabel: string;
  onSent: (tip: Tip) => void;
}

function MessageForm({ kind, tipId, title, label, hint, submitLabel, onSent }: MessageFormProps) {
  const [body, setBody] = useState('');
  const send = useAction((text: string) => (kind === 'note' ? addTipNote(tipId, text) : replyToTip(tipId, text)));
  const errors = fieldErrors(send.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await send.run(body.trim());
    if (result.ok) {
      setBody('');
      onSent(result.value);
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={title} data-testid={`tip-${kind}-form`}>
      <h2>{title}</h2>
      <ProblemAlert error={send.error} fields={['body']} />
      <TextAreaField
        label={label}
        hint={hint}
        value={body}
        onChange={setBody}
        error={errors.body}
        rows={3}
        required
        testId={`tip-${kind}-body`}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={send.busy || body.trim() === ''} data-testid={`tip-${kind}-submit`}>
          {send.busy ? 'Sending…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
