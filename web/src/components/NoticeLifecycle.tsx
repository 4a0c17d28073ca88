// The lifecycle buttons of a notice, as the server's `allowed` flags say: submit, return, publish,
// cancel, withdraw. Each opens a step that says what will happen and asks for the reason (required
// to return, cancel or withdraw) before anything is sent.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { fieldErrors } from '../forms';
import { useAction } from '../hooks';
import { NOTICE_ACTIONS, REASON_REQUIRED, changeNoticeStatus, type Notice, type NoticeAction } from '../notices-api';
import { NOTICE_ACTION_HINTS, noticeActionLabel } from '../notices-format';
import { TextAreaField } from './Field';
import { ProblemAlert } from './ProblemAlert';

const DANGEROUS: readonly NoticeAction[] = ['cancel', 'withdraw'];

export function NoticeLifecycle({ notice, onChanged }: { notice: Notice; onChanged: (notice: Notice) => void }) {
  const [action, setAction] = useState<NoticeAction | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const closed = useRef<NoticeAction | null>(null);
  const actions = NOTICE_ACTIONS.filter((candidate) => notice.allowed[candidate]);

  // When a step closes, the focus goes back to its button, or to the first one left.
  useEffect(() => {
    if (action !== null || closed.current === null) return;
    const buttons = sectionRef.current?.querySelectorAll<HTMLButtonElement>('button');
    const again = sectionRef.current?.querySelector<HTMLButtonElement>(`[data-action="${closed.current}"]`);
    (again ?? buttons?.[0])?.focus();
    closed.current = null;
  }, [action]);

  function close(previous: NoticeAction) {
    closed.current = previous;
    setAction(null);
  }

  if (actions.length === 0) return null;
  return (
    <section className="lifecycle" aria-label="Lifecycle" ref={sectionRef} data-testid="notice-lifecycle">
      {action === null ? (
        <div className="actions">
          {actions.map((candidate) => (
            <button
              key={candidate}
              type="button"
              className={`button ${candidate === 'publish' || candidate === 'submit' ? 'button-primary' : DANGEROUS.includes(candidate) ? 'button-danger' : ''}`}
              onClick={() => setAction(candidate)}
              data-action={candidate}
              data-testid={`notice-${candidate}`}
            >
              {noticeActionLabel(candidate)}
            </button>
          ))}
        </div>
      ) : (
        <LifecycleStep
          notice={notice}
          action={action}
          onDone={(changed) => {
            close(action);
            onChanged(changed);
          }}
          onCancel={() => close(action)}
        />
      )}
    </section>
  );
}

interface LifecycleStepProps {
  notice: Notice;
  action: NoticeAction;
  onDone: (notice: Notice) => void;
  onCancel: () => void;
}

function LifecycleStep({ notice, action, onDone, onCancel }: LifecycleStepProps) {
  const [reason, setReason] = useState('');
  const step = useAction((text: string) => changeNoticeStatus(notice.id, action, text || undefined));
  const boxRef = useRef<HTMLFormElement>(null);
  const required = REASON_REQUIRED.includes(action);
  const errors = fieldErrors(step.error);

  useEffect(() => {
    boxRef.current?.querySelector('textarea')?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await step.run(reason.trim());
    if (result.ok) onDone(result.value);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && !step.busy) onCancel();
  }

  return (
    <form
      ref={boxRef}
      className="confirm-box"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label={noticeActionLabel(action)}
      data-testid="notice-step"
      data-action={action}
    >
      <p>
        <strong>{noticeActionLabel(action)}.</strong> {NOTICE_ACTION_HINTS[action]}
      </p>
      <ProblemAlert error={step.error} fields={['reason']} testId="notice-step-error" />
      <TextAreaField
        label={required ? 'Reason' : 'Reason (optional)'}
        hint={required ? 'Recorded in the notice’s history and the audit log.' : 'Recorded in the notice’s history.'}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        required={required}
        rows={2}
        testId="notice-step-reason"
      />
      <div className="actions">
        <button
          type="submit"
          className={DANGEROUS.includes(action) ? 'button button-danger' : 'button button-primary'}
          disabled={step.busy || (required && reason.trim() === '')}
          data-testid="notice-step-confirm"
        >
          {step.busy ? 'Sending…' : noticeActionLabel(action)}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={step.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
