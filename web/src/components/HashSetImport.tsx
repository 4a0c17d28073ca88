// The import form of a hash set: a file, its format (detected by default) and "skip invalid".
// All-or-nothing unless skip-invalid: a refused file comes back as a problem naming each bad line.
import { useState, type FormEvent } from 'react';
import { IMPORT_FORMATS, importHashSet, type ApiError, type ImportFormat, type ImportIssue, type ImportOutcome } from '../api';
import { formatLabel } from '../format';
import { fieldErrors } from '../forms';
import { useAction } from '../hooks';
import { CheckboxField, FileField, SelectField } from './Field';
import { ProblemAlert } from './ProblemAlert';

const DETECT = 'detect';
type FormatChoice = ImportFormat | typeof DETECT;

const FORMAT_OPTIONS: { value: FormatChoice; label: string }[] = [
  { value: DETECT, label: 'Detect from the content' },
  ...IMPORT_FORMATS.map((value) => ({ value, label: formatLabel(value) })),
];

/** Problem `errors[]` that name a line of the file ("line 3", "line 2 (value[0].Media[4])"). */
const LINE_FIELD = /^line \d+/;

interface HashSetImportProps {
  setId: string;
  onImported: (outcome: ImportOutcome) => void;
}

export function HashSetImport({ setId, onImported }: HashSetImportProps) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FormatChoice>(DETECT);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const run = useAction(importHashSet);
  const refused = refusedLines(run.error);
  const errors = fieldErrors(refused.length > 0 ? null : run.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    if (file === null) return;
    const result = await run.run(setId, file, { skipInvalid, ...(format !== DETECT && { format }) });
    if (result.ok) {
      setOutcome(result.value);
      setFile(null);
      setInputKey((value) => value + 1);
      onImported(result.value);
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Import entries" data-testid="hashset-import-form">
      <h2>Import entries</h2>
      <p className="field-hint">ICSE CSV, Project VIC VICS JSON (1.3 and 2.0), or a list of PDQ, MD5, SHA-1 or SHA-256 hashes.</p>
      {refused.length > 0 && run.error ? (
        <RefusedImport error={run.error} lines={refused} />
      ) : (
        <ProblemAlert error={run.error} fields={['file', 'format', 'skipInvalid']} testId="hashset-import-error" />
      )}
      <FileField
        key={inputKey}
        label="File"
        onChange={(files) => setFile(files[0] ?? null)}
        error={errors.file}
        disabled={run.busy}
        testId="hashset-import-file"
      />
      <SelectField
        label="Format"
        value={format}
        options={FORMAT_OPTIONS}
        onChange={setFormat}
        error={errors.format}
        disabled={run.busy}
        testId="hashset-import-format"
      />
      <CheckboxField
        label="Skip invalid records"
        hint="Import the valid records and list the others. Without it, one bad record refuses the whole file."
        checked={skipInvalid}
        onChange={setSkipInvalid}
        error={errors.skipInvalid}
        disabled={run.busy}
        testId="hashset-import-skip-invalid"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={run.busy || file === null} data-testid="hashset-import-submit">
          {run.busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {outcome ? <ImportResult outcome={outcome} /> : null}
    </form>
  );
}

function refusedLines(error: ApiError | null): { field: string; message: string }[] {
  return (error?.problem.errors ?? []).filter((entry) => LINE_FIELD.test(entry.field));
}

function RefusedImport({ error, lines }: { error: ApiError; lines: { field: string; message: string }[] }) {
  return (
    <div className="alert alert-error" role="alert" data-testid="hashset-import-result" data-outcome="refused">
      <p>{error.problem.detail ?? 'The file was refused; nothing was imported.'}</p>
      <ul className="issues">
        {lines.map((entry, index) => (
          <li key={index} data-testid="hashset-import-issue">
            <strong>{entry.field.charAt(0).toUpperCase() + entry.field.slice(1)}:</strong> {entry.message}
          </li>
        ))}
      </ul>
      {error.problem.requestId ? <p className="alert-meta">Request ID: {error.problem.requestId}</p> : null}
    </div>
  );
}

function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  const clean = outcome.errors.length === 0 && outcome.warnings.length === 0;
  return (
    <div
      className={clean ? 'alert alert-success' : 'alert alert-info'}
      role="status"
      data-testid="hashset-import-result"
      data-outcome="imported"
      data-imported={outcome.imported}
    >
      <p>
        Imported {outcome.imported} {outcome.imported === 1 ? 'entry' : 'entries'} from {outcome.records}{' '}
        {outcome.records === 1 ? 'record' : 'records'} ({outcome.variant ?? formatLabel(outcome.format)}).
      </p>
      <IssueList title={`${outcome.errors.length} skipped as invalid`} issues={outcome.errors} testId="hashset-import-errors" />
      <IssueList
        title={`${outcome.warnings.length} ${outcome.warnings.length === 1 ? 'warning' : 'warnings'}`}
        issues={outcome.warnings}
        testId="hashset-import-warnings"
      />
    </div>
  );
}

function IssueList({ title, issues, testId }: { title: string; issues: readonly ImportIssue[]; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <div data-testid={testId}>
      <p>
        <strong>{title}:</strong>
      </p>
      <ul className="issues">
        {issues.map((issue, index) => (
          <li key={index} data-testid="hashset-import-issue">
            {issue.line > 0 ? `Line ${issue.line}` : 'File'}
            {issue.path ? ` (${issue.path})` : ''}: {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
