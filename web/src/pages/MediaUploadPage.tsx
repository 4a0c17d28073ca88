// Media → upload: files and zip archives into a case of the user's agency; the server hashes,
// matches and triages them and answers with the triage of each file.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, TRIAGES, isAbortError, listCases, toApiError, uploadMedia, type UploadProgress, type UploadResult } from '../api';
import { TriageBadge } from '../components/Badge';
import { CheckboxField, FileField, SelectField } from '../components/Field';
import { MediaTabs } from '../components/MediaTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { caseLabel, formatBytes, triageLabel } from '../format';
import { fieldErrors } from '../forms';
import { useDocumentTitle, useLoad } from '../hooks';
import { href, paths } from '../router';
import { useSession } from '../session';

export function MediaUploadPage() {
  useDocumentTitle('Upload media');
  const [result, setResult] = useState<UploadResult | null>(null);
  return (
    <>
      <PageHeader section="Media" title="Upload media" />
      <MediaTabs current="upload" />
      {result ? <UploadSummary result={result} onAgain={() => setResult(null)} /> : <UploadForm onUploaded={setResult} />}
    </>
  );
}

type Phase = { step: 'idle' } | { step: 'uploading'; progress: UploadProgress | null } | { step: 'processing' };

const FIELDS = ['case', 'file', 'hashOnly'] as const;

function UploadForm({ onUploaded }: { onUploaded: (result: UploadResult) => void }) {
  const { user } = useSession().session;
  const cases = useLoad((signal) => listCases(signal), []);
  const [caseId, setCaseId] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [hashOnly, setHashOnly] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState<ApiError | null>(null);
  const controller = useRef<AbortController | null>(null);
  const errors = fieldErrors(error);
  const busy = phase.step !== 'idle';

  // Leaving the page cancels an upload still in flight.
  useEffect(() => () => controller.current?.abort(), []);

  // Media belong to the agency of their case: only the agency's own cases take uploads.
  const ownCases = (cases.data ?? []).filter((record) => record.ownerAgencyId === user.agency.id);
  const caseOptions = [
    { value: '', label: cases.data ? 'Choose a case' : 'Loading cases…' },
    ...ownCases.map((record) => ({ value: record.id, label: caseLabel(record) })),
  ];
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The server checks these only after it has received every file: say so before sending any.
    const missing = missingFields(caseId, files);
    setError(missing);
    if (missing) return;
    const abort = new AbortController();
    controller.current = abort;
    setPhase({ step: 'uploading', progress: null });
    try {
      const result = await uploadMedia(
        { caseRef: caseId, files, hashOnly },
        (progress) => {
          setPhase(progress.loaded >= progress.total ? { step: 'processing' } : { step: 'uploading', progress });
        },
        abort.signal,
      );
      onUploaded(result);
    } catch (caught) {
      if (!isAbortError(caught)) setError(toApiError(caught));
    } finally {
      controller.current = null;
      setPhase({ step: 'idle' });
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Upload media" data-testid="media-upload-form">
      <h2>Files to triage</h2>
      <ProblemAlert error={error} fields={FIELDS} testId="media-upload-error" />
      <ProblemAlert error={cases.error} testId="media-upload-cases-error" />
      <SelectField
        label="Case"
        hint="The media belong to this case and to your agency; nobody outside your agency sees them."
        value={caseId}
        options={caseOptions}
        onChange={setCaseId}
        error={errors.case}
        disabled={busy}
        required
        testId="media-upload-case"
      />
      <FileField
        label="Files"
        hint="Images, videos and zip archives (nested archives are opened too). Several at once."
        multiple
        onChange={setFiles}
        error={errors.file}
        disabled={busy}
        testId="media-upload-files"
      />
      {files.length > 0 ? (
        <p className="muted" data-testid="media-upload-selection">
          {files.length} {files.length === 1 ? 'file' : 'files'}, {formatBytes(totalBytes)}
        </p>
      ) : null}
      <CheckboxField
        label="Hash only"
        hint="Keep the hashes and clues but not the content: no thumbnail, nothing to reveal later."
        checked={hashOnly}
        onChange={setHashOnly}
        error={errors.hashOnly}
        disabled={busy}
        testId="media-upload-hash-only"
      />
      <UploadStatus phase={phase} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="media-upload-submit">
          {busy ? 'Uploading…' : 'Upload and triage'}
        </button>
        {busy ? (
          <button type="button" className="button" onClick={() => controller.current?.abort()} data-testid="media-upload-cancel">
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function missingFields(caseId: string, files: readonly File[]): ApiError | null {
  const errors = [
    ...(caseId === '' ? [{ field: 'case', message: 'is required: choose one' }] : []),
    ...(files.length === 0 ? [{ field: 'file', message: 'are required: pick at least one' }] : []),
  ];
  return errors.length === 0
    ? null
    : new ApiError({ status: 0, code: 'invalid', detail: 'Choose a case and the files to upload.', errors });
}

function UploadStatus({ phase }: { phase: Phase }) {
  if (phase.step === 'idle') return null;
  if (phase.step === 'processing') {
    return (
      <div className="upload-status" role="status" data-testid="media-upload-progress">
        <progress aria-label="Hashing and matching" />
        <span>Uploaded. Hashing, matching and triaging on the server…</span>
      </div>
    );
  }
  const { progress } = phase;
  const percent = progress && progress.total > 0 ? Math.floor((progress.loaded / progress.total) * 100) : null;
  return (
    <div className="upload-status" role="status" data-testid="media-upload-progress">
      {progress ? (
        <progress value={progress.loaded} max={progress.total} aria-label="Upload progress" />
      ) : (
        <progress aria-label="Upload progress" />
      )}
      <span>
        Uploading{percent !== null ? ` ${percent} %` : '…'}
        {progress ? ` (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)})` : ''}
      </span>
    </div>
  );
}

function UploadSummary({ result, onAgain }: { result: UploadResult; onAgain: () => void }) {
  const { counts, files, job } = result;
  return (
    <section className="panel panel-wide" aria-labelledby="upload-result-title" data-testid="media-upload-result" data-ingest-id={job.id}>
      <h2 id="upload-result-title">
        Triage of {counts.files} {counts.files === 1 ? 'file' : 'files'}
      </h2>
      <dl className="stats" data-testid="media-upload-counts">
        {TRIAGES.map((triage) => (
          <div key={triage} className={`stat stat-${triage}`} data-testid={`media-upload-count-${triage}`}>
            <dt>{triageLabel(triage)}</dt>
            <dd>{counts[triage]}</dd>
          </div>
        ))}
        <div className="stat" data-testid="media-upload-count-distinct">
          <dt>Distinct</dt>
          <dd>{counts.distinct}</dd>
        </div>
        <div className="stat" data-testid="media-upload-count-stacks">
          <dt>Stacks</dt>
          <dd>{counts.stacks}</dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="table table-compact" data-testid="media-upload-files-table">
          <caption className="visually-hidden">The triage of each uploaded file</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Triage</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file, index) => (
              <tr key={`${index}-${file.name}`} data-testid="media-upload-file-row" data-triage={file.triage}>
                <td className="cell-break">{file.mediaId ? <a href={href(paths.mediaItem(file.mediaId))}>{file.name}</a> : file.name}</td>
                <td>
                  <TriageBadge triage={file.triage} />
                </td>
                <td>{file.error ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <a className="button button-primary" href={href(paths.media({ ingestId: job.id }))} data-testid="media-upload-grid-link">
          Show these media in the grid
        </a>
        <a className="button" href={href(paths.ingest(job.id))} data-testid="media-upload-ingest-link">
          Ingest job
        </a>
        <button type="button" className="button" onClick={onAgain} data-testid="media-upload-again">
          Upload more
        </button>
      </div>
    </section>
  );
}
