// What the server reads from a pasted MRZ, shown while the officer is still at the form: the
// document, the name split into surname and given names, the dates, and each problem by field (a
// bad check digit names the field it guards). The check itself screens the MRZ again.
import { useEffect, useState } from 'react';
import { isAbortError, toApiError, type ApiError } from '../api';
import { readMrz, type Mrz } from '../screening-api';
import { documentTypeLabel, problemFieldLabel, sexLabel } from '../screening-format';

/** Wait this long after the last change before reading, so a scanner's keystrokes make one request. */
const DELAY_MS = 350;
/** Shorter than any MRZ line: nothing to read yet. */
const MIN_LENGTH = 30;

type State = { status: 'idle' } | { status: 'read'; mrz: Mrz } | { status: 'invalid'; error: ApiError };

export function MrzPreview({ text }: { text: string }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const trimmed = text.trim();

  useEffect(() => {
    if (trimmed.replace(/\s+/g, '').length < MIN_LENGTH) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      readMrz(trimmed, controller.signal).then(
        (mrz) => setState({ status: 'read', mrz }),
        (error: unknown) => {
          if (!isAbortError(error)) setState({ status: 'invalid', error: toApiError(error) });
        },
      );
    }, DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed]);

  if (state.status === 'idle') return null;
  if (state.status === 'invalid') {
    const errors = state.error.problem.errors ?? [];
    return (
      <div className="mrz-preview mrz-preview-invalid" role="status" data-testid="screening-mrz-preview" data-valid="false">
        <p>
          <strong>{state.error.status === 400 ? 'The MRZ has problems' : 'The MRZ could not be read'}</strong>
          {errors.length === 0 ? `: ${state.error.message}` : null}
        </p>
        {errors.length > 0 ? (
          <ul>
            {errors.map((entry, index) => (
              <li key={index} data-testid="screening-mrz-issue" data-field={entry.field}>
                <strong>{problemFieldLabel(`mrz.${entry.field}`)}:</strong> {entry.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  const { mrz } = state;
  const given = mrz.secondaryIdentifiers.join(' ');
  return (
    <div className="mrz-preview" role="status" data-testid="screening-mrz-preview" data-valid="true">
      <p>
        <strong>MRZ read</strong> ({mrz.format} {documentTypeLabel(mrz.documentType).toLowerCase()}, every check digit right):{' '}
        <span data-testid="screening-mrz-name">
          {mrz.primaryIdentifier}
          {given ? `, ${given}` : ''}
        </span>
        {mrz.nameTruncated ? ' (name cut short)' : ''} · born {mrz.birthDate.iso ?? mrz.birthDate.raw} · {sexLabel(mrz.sex)} · nationality{' '}
        {mrz.nationality.code} · document <code>{mrz.documentNumber}</code> issued by {mrz.issuingState.code}
        {mrz.expiryDate.iso ? ` · expires ${mrz.expiryDate.iso}` : ''}
        {mrz.expired ? (
          <>
            {' '}
            <span className="badge badge-warning">Expired</span>
          </>
        ) : null}
      </p>
    </div>
  );
}
