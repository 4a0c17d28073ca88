// The forms of a watchlist: a new list (name, kind, source, description, visibility) and the import
// of a file into it (format, skip invalid). An import with a bad record changes nothing unless
// "skip invalid" is ticked; every bad record is listed with its line.
import { useState, type FormEvent } from 'react';
import { listAgencies, type ApiError, type Visibility } from '../api';
import { fieldErrors } from '../forms';
import { useAction, useLoad } from '../hooks';
import {
  WATCHLIST_FORMATS,
  WATCHLIST_KINDS,
  createWatchlist,
  importWatchlist,
  type NewWatchlist,
  type Watchlist,
  type WatchlistFormat,
  type WatchlistImportIssue,
  type WatchlistImportOutcome,
  type WatchlistKind,
} from '../screening-api';
import { WATCHLIST_KIND_HINTS, watchlistFormatLabel, watchlistKindLabel } from '../screening-format';
import { useSession } from '../session';
import { CheckboxField, FileField, SelectField, TextAreaField, TextField } from './Field';
import { ProblemAlert } from './ProblemAlert';
import { VisibilityFields } from './VisibilityFields';

interface Values {
  name: string;
  kind: WatchlistKind;
  source: string;
  description: string;
  visibility: Visibility;
  sharedWith: string[];
}

const EMPTY: Values = { name: '', kind: 'persons', source: '', description: '', visibility: 'agency', sharedWith: [] };
const FIELDS = ['name', 'kind', 'source', 'description', 'visibility', 'sharedWith'] as const;
const KIND_OPTIONS = WATCHLIST_KINDS.map((value) => ({ value, label: watchlistKindLabel(value) }));

function toNewWatchlist(values: Values): NewWatchlist {
  const input: NewWatchlist = { name: values.name.trim(), kind: values.kind, visibility: values.visibility };
  if (values.source.trim()) input.source = values.source.trim();
  if (values.description.trim()) input.description = values.description.trim();
  if (values.visibility === 'shared') input.sharedWith = values.sharedWith;
  return input;
}

export function WatchlistForm({ onCreated, onCancel }: { onCreated: (list: Watchlist) => void; onCancel: () => void }) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const create = useAction(createWatchlist);
  const [values, setValues] = useState<Values>(EMPTY);
  const errors = fieldErrors(create.error);

  function update<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create.run(toNewWatchlist(values));
    if (result.ok) onCreated(result.value);
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New watchlist" data-testid="watchlist-form">
      <h2>New watchlist</h2>
      <ProblemAlert error={create.error} fields={FIELDS} />
      <TextField
        label="Name"
        value={values.name}
        onChange={(value) => update('name', value)}
        error={errors.name}
        required
        testId="watchlist-name"
      />
      <SelectField
        label="Kind"
        hint={WATCHLIST_KIND_HINTS[values.kind]}
        value={values.kind}
        options={KIND_OPTIONS}
        onChange={(value) => update('kind', value)}
        error={errors.kind}
        testId="watchlist-kind"
      />
      <TextField
        label="Source (optional)"
        hint="Where the records come from, e.g. a national wanted list or OpenSanctions."
        value={values.source}
        onChange={(value) => update('source', value)}
        error={errors.source}
        testId="watchlist-source"
      />
      <TextAreaField
        label="Description (optional)"
        value={values.description}
        onChange={(value) => update('description', value)}
        error={errors.description}
        rows={2}
        testId="watchlist-description"
      />
      <VisibilityFields
        visibility={values.visibility}
        sharedWith={values.sharedWith}
        agencies={agencies.data}
        ownAgencyId={user.agency.id}
        errors={errors}
        onVisibility={(value) => update('visibility', value)}
        onSharedWith={(selected) => update('sharedWith', selected)}
        testIdPrefix="watchlist"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.busy} data-testid="watchlist-submit">
          {create.busy ? 'Creating…' : 'Create watchlist'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The formats that fit a list's kind, the first being the default. */
function formatsFor(kind: WatchlistKind): WatchlistFormat[] {
  return kind === 'documents' ? ['documents-csv'] : WATCHLIST_FORMATS.filter((format) => format !== 'documents-csv');
}

const FORMAT_HINTS: Record<WatchlistFormat, string> = {
  'ftm-jsonl': 'One FollowTheMoney Person entity per line, as OpenSanctions and Aleph export them.',
  'persons-csv': 'A header row, then one person per row: names, birth dates, nationalities, sex, documents, reason.',
  'documents-csv': 'A header row, then one document per row: number, country, document type, status, date reported.',
};

/** Problem `errors[]` that name a line of the file ("line 3"). */
const LINE_FIELD = /^line \d+/i;

export function WatchlistImport({ list, onImported }: { list: Watchlist; onImported: (outcome: WatchlistImportOutcome) => void }) {
  const formats = formatsFor(list.kind);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<WatchlistFormat>(formats[0] ?? 'persons-csv');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [outcome, setOutcome] = useState<{ value: WatchlistImportOutcome; skipInvalid: boolean } | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const run = useAction(importWatchlist);
  const refused = refusedLines(run.error);
  const errors = fieldErrors(refused.length > 0 ? null : run.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    if (file === null) return;
    const result = await run.run(list.id, file, { format, skipInvalid });
    if (result.ok) {
      setOutcome({ value: result.value, skipInvalid });
      if (result.value.imported > 0 || result.value.errors.length === 0) {
        setFile(null);
        setInputKey((value) => value + 1);
      }
      onImported(result.value);
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Import records" data-testid="watchlist-import-form">
      <h2>Import records</h2>
      {refused.length > 0 && run.error ? (
        <RefusedImport error={run.error} lines={refused} />
      ) : (
        <ProblemAlert error={run.error} fields={['file', 'format', 'skipInvalid']} testId="watchlist-import-error" />
      )}
      <FileField
        key={inputKey}
        label="File"
        accept=".csv,.jsonl,.json,.ndjson,.txt,text/csv"
        onChange={(files) => setFile(files[0] ?? null)}
        error={errors.file}
        disabled={run.busy}
        testId="watchlist-import-file"
      />
      <SelectField
        label="Format"
        hint={FORMAT_HINTS[format]}
        value={format}
        options={formats.map((value) => ({ value, label: watchlistFormatLabel(value) }))}
        onChange={setFormat}
        error={errors.format}
        disabled={run.busy}
        testId="watchlist-import-format"
      />
      <CheckboxField
        label="Skip invalid records"
        hint="Import the valid records and list the others. Without it, one bad record refuses the whole file."
        checked={skipInvalid}
        onChange={setSkipInvalid}
        error={errors.skipInvalid}
        disabled={run.busy}
        testId="watchlist-import-skip-invalid"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={run.busy || file === null} data-testid="watchlist-import-submit">
          {run.busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {outcome ? <ImportResult outcome={outcome.value} skipInvalid={outcome.skipInvalid} /> : null}
    </form>
  );
}

function refusedLines(error: ApiError | null): { field: string; message: string }[] {
  return (error?.problem.errors ?? []).filter((entry) => LINE_FIELD.test(entry.field));
}

function RefusedImport({ error, lines }: { error: ApiError; lines: { field: string; message: string }[] }) {
  return (
    <div className="alert alert-error" role="alert" data-testid="watchlist-import-result" data-outcome="refused">
      <p>{error.problem.detail ?? 'The file was refused; nothing was imported.'}</p>
      <ul className="issues">
        {lines.map((entry, index) => (
          <li key={index} data-testid="watchlist-import-issue">
            <strong>{entry.field.charAt(0).toUpperCase() + entry.field.slice(1)}:</strong> {entry.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ImportResult({ outcome, skipInvalid }: { outcome: WatchlistImportOutcome; skipInvalid: boolean }) {
  const refused = outcome.errors.length > 0 && outcome.imported === 0 && !skipInvalid;
  if (refused) {
    return (
      <div className="alert alert-error" role="alert" data-testid="watchlist-import-result" data-outcome="refused">
        <p>The file has invalid records, so nothing was imported. Fix them, or tick “Skip invalid records”.</p>
        <IssueList issues={outcome.errors} />
      </div>
    );
  }
  const clean = outcome.errors.length === 0;
  return (
    <div
      className={clean ? 'alert alert-success' : 'alert alert-info'}
      role="status"
      data-testid="watchlist-import-result"
      data-outcome="imported"
      data-imported={outcome.imported}
    >
      <p>
        Imported {outcome.imported.toLocaleString('en')} of {outcome.records.toLocaleString('en')}{' '}
        {outcome.records === 1 ? 'record' : 'records'}
        {outcome.skipped > 0 ? `; ${outcome.skipped.toLocaleString('en')} skipped` : ''}.
      </p>
      {outcome.errors.length > 0 ? (
        <>
          <p>
            <strong>{outcome.errors.length} skipped as invalid:</strong>
          </p>
          <IssueList issues={outcome.errors} />
        </>
      ) : null}
    </div>
  );
}

function IssueList({ issues }: { issues: readonly WatchlistImportIssue[] }) {
  return (
    <ul className="issues">
      {issues.map((issue, index) => (
        <li key={index} data-testid="watchlist-import-issue">
          {issue.line > 0 ? `Line ${issue.line}` : 'File'}: {issue.message}
        </li>
      ))}
    </ul>
  );
}
