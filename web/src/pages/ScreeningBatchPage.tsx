// Screening → batch: a CSV or JSON-lines file of travellers, read in the browser, sent to the
// server in chunks of at most 1,000 with a progress bar; a summary, the hits and problems per row,
// and every result as a JSON-lines download.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { isAbortError, toApiError, type ApiError } from '../api';
import { Badge } from '../components/Badge';
import { FileField } from '../components/Field';
import { OperationPicker, useScreeningPlace } from '../components/OperationPicker';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScreeningTabs } from '../components/ScreeningTabs';
import { useDocumentTitle } from '../hooks';
import { href, paths } from '../router';
import { SCREEN_BATCH_LIMIT, matchedHits, screenTravellers, verdictOf, type ScreenContext, type ScreeningResult } from '../screening-api';
import { formatScore, problemFieldLabel, verdictLabel } from '../screening-format';
import { chunks, parseTravellerFile, type TravellerFile, type TravellerRow } from '../traveller-file';

/** Rows listed on the page; the download holds every result. */
const SHOWN_ROWS = 500;

interface RowResult {
  line: number;
  result: ScreeningResult;
}

type Phase =
  | { step: 'idle' }
  | { step: 'running'; done: number; total: number }
  | { step: 'finished'; results: RowResult[]; cancelled: boolean; error: ApiError | null; operation?: { id: string; name: string } };

export function ScreeningBatchPage() {
  useDocumentTitle('Batch check');
  const place = useScreeningPlace();
  const [file, setFile] = useState<{ name: string; parsed: TravellerFile } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [inputKey, setInputKey] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const running = phase.step === 'running';

  // Leaving the page stops sending further chunks.
  useEffect(() => () => controller.current?.abort(), []);

  async function choose(files: File[]) {
    setPhase({ step: 'idle' });
    setReadError(null);
    const chosen = files[0];
    if (!chosen) {
      setFile(null);
      return;
    }
    try {
      setFile({ name: chosen.name, parsed: parseTravellerFile(await chosen.text()) });
    } catch {
      setFile(null);
      setReadError('The file could not be read as text.');
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || file.parsed.rows.length === 0) return;
    const abort = new AbortController();
    controller.current = abort;
    const operation = place.operation ? { id: place.operation.id, name: place.operation.name } : undefined;
    const results = await run(file.parsed.rows, place.context, abort.signal, (done, total) => setPhase({ step: 'running', done, total }));
    controller.current = null;
    setPhase({ step: 'finished', ...results, ...(operation && { operation }) });
  }

  function again() {
    setPhase({ step: 'idle' });
    setFile(null);
    setInputKey((value) => value + 1);
  }

  return (
    <>
      <PageHeader section="Screening" title="Batch check" />
      <ScreeningTabs current="batch" />
      <form className="panel" onSubmit={submit} noValidate aria-label="Batch check" data-testid="screening-batch-form">
        <OperationPicker place={place} disabled={running} />
        <FileField
          key={inputKey}
          label="Travellers"
          hint={
            <>
              CSV with a header row, or JSON lines. Columns:{' '}
              <code>id, name, birth_date, nationality, sex, document_number, document_country, mrz</code>; each row needs a name, an MRZ or
              a document number. The file is read here and sent in parts of {SCREEN_BATCH_LIMIT.toLocaleString('en')}.
            </>
          }
          accept=".csv,.jsonl,.json,.ndjson,.txt,text/csv,application/json"
          onChange={(files) => void choose(files)}
          error={readError ?? undefined}
          disabled={running}
          testId="screening-batch-file"
        />
        {file ? <FileSummary name={file.name} parsed={file.parsed} /> : null}
        {phase.step === 'running' ? <BatchProgress done={phase.done} total={phase.total} /> : null}
        <div className="actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={running || !file || file.parsed.rows.length === 0}
            data-testid="screening-batch-submit"
          >
            {running ? 'Checking…' : file ? `Check ${file.parsed.rows.length.toLocaleString('en')} travellers` : 'Check'}
          </button>
          {running ? (
            <button type="button" className="button" onClick={() => controller.current?.abort()} data-testid="screening-batch-cancel">
              Cancel
            </button>
          ) : null}
        </div>
      </form>
      {phase.step === 'finished' && file ? (
        <BatchResults
          fileName={file.name}
          parsed={file.parsed}
          results={phase.results}
          cancelled={phase.cancelled}
          error={phase.error}
          operation={phase.operation}
          onAgain={again}
        />
      ) : null}
    </>
  );
}

/** Sends the rows chunk by chunk; stops at the first failure or cancellation and keeps what was answered. */
async function run(
  rows: readonly TravellerRow[],
  context: ScreenContext,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<{ results: RowResult[]; cancelled: boolean; error: ApiError | null }> {
  const results: RowResult[] = [];
  onProgress(0, rows.length);
  for (const chunk of chunks(rows, SCREEN_BATCH_LIMIT)) {
    try {
      const answers = await screenTravellers(
        chunk.map((row) => row.traveller),
        context,
        signal,
      );
      chunk.forEach((row, index) => {
        const result = answers[index];
        if (result) results.push({ line: row.line, result });
      });
      onProgress(results.length, rows.length);
    } catch (caught) {
      if (isAbortError(caught)) return { results, cancelled: true, error: null };
      return { results, cancelled: false, error: toApiError(caught) };
    }
  }
  return { results, cancelled: false, error: null };
}

function FileSummary({ name, parsed }: { name: string; parsed: TravellerFile }) {
  return (
    <div data-testid="screening-batch-selection">
      <p className="muted">
        {name}: {parsed.rows.length.toLocaleString('en')} {parsed.rows.length === 1 ? 'traveller' : 'travellers'} (
        {parsed.format === 'csv' ? 'CSV' : 'JSON lines'})
        {parsed.problems.length > 0
          ? `, ${parsed.problems.length.toLocaleString('en')} unreadable ${parsed.problems.length === 1 ? 'row' : 'rows'}`
          : ''}
      </p>
      {parsed.problems.length > 0 ? (
        <div className="alert alert-warning" role="status" data-testid="screening-batch-unreadable">
          <p>These rows will not be checked:</p>
          <ul className="issues">
            {parsed.problems.map((problem, index) => (
              <li key={index}>
                Line {problem.line} {problem.message}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function BatchProgress({ done, total }: { done: number; total: number }) {
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  return (
    <div className="upload-status" role="status" data-testid="screening-batch-progress">
      <progress value={done} max={Math.max(total, 1)} aria-label="Travellers checked" />
      <span>
        Checked {done.toLocaleString('en')} of {total.toLocaleString('en')} ({percent} %)
      </span>
    </div>
  );
}

/** One JSON line per traveller: the row's line and id, the verdict and the server's answer. */
function resultsJsonl(results: readonly RowResult[]): string {
  return results
    .map(({ line, result }) => JSON.stringify({ line, id: result.id ?? null, verdict: verdictOf(result), ...result }))
    .join('\n')
    .concat(results.length > 0 ? '\n' : '');
}

interface BatchResultsProps {
  fileName: string;
  parsed: TravellerFile;
  results: readonly RowResult[];
  cancelled: boolean;
  error: ApiError | null;
  operation: { id: string; name: string } | undefined;
  onAgain: () => void;
}

function BatchResults({ fileName, parsed, results, cancelled, error, operation, onAgain }: BatchResultsProps) {
  const summary = useMemo(() => {
    let hits = 0;
    let documentHits = 0;
    let withProblems = 0;
    for (const { result } of results) {
      if (matchedHits(result).length > 0) hits += 1;
      if (result.documentHits.length > 0) documentHits += 1;
      if (result.problems.length > 0) withProblems += 1;
    }
    return { hits, documentHits, withProblems };
  }, [results]);
  const alerts = results.filter(({ result }) => verdictOf(result) === 'hit' || verdictOf(result) === 'document-hit');
  const problems = results.filter(({ result }) => result.problems.length > 0);
  // The object URL is made and revoked by the same effect, so a re-run (StrictMode) never leaves a revoked one.
  const [download, setDownload] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([resultsJsonl(results)], { type: 'application/x-ndjson' }));
    setDownload(url);
    return () => URL.revokeObjectURL(url);
  }, [results]);
  const baseName = fileName.replace(/\.[^.]+$/, '') || 'travellers';

  return (
    <section className="panel panel-wide" aria-labelledby="batch-result-title" data-testid="screening-batch-result">
      <h2 id="batch-result-title">Results of {fileName}</h2>
      {cancelled ? (
        <p className="alert alert-info" role="status">
          Cancelled: {results.length.toLocaleString('en')} of {parsed.rows.length.toLocaleString('en')} travellers were checked.
        </p>
      ) : null}
      <ProblemAlert error={error} testId="screening-batch-error" />
      <dl className="stats" data-testid="screening-batch-summary">
        <div className="stat" data-testid="screening-batch-checked">
          <dt>Checked</dt>
          <dd>{results.length.toLocaleString('en')}</dd>
        </div>
        <div className={summary.hits > 0 ? 'stat stat-known' : 'stat'} data-testid="screening-batch-hits">
          <dt>Hits</dt>
          <dd>{summary.hits.toLocaleString('en')}</dd>
        </div>
        <div className={summary.documentHits > 0 ? 'stat stat-known' : 'stat'} data-testid="screening-batch-document-hits">
          <dt>Document hits</dt>
          <dd>{summary.documentHits.toLocaleString('en')}</dd>
        </div>
        <div
          className={summary.withProblems + parsed.problems.length > 0 ? 'stat stat-new' : 'stat'}
          data-testid="screening-batch-problems"
        >
          <dt>Row problems</dt>
          <dd>{(summary.withProblems + parsed.problems.length).toLocaleString('en')}</dd>
        </div>
      </dl>
      {operation && results.some(({ result }) => result.checkId) ? (
        <p className="muted">
          Recorded in {operation.name}. {alerts.length > 0 ? <a href={href(paths.screeningReview(operation.id))}>Review the hits</a> : null}
        </p>
      ) : null}

      <h3>Hits</h3>
      <div className="table-scroll">
        <table className="table table-compact" data-testid="screening-batch-hits-table">
          <caption className="visually-hidden">Travellers with a hit</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                Line
              </th>
              <th scope="col">ID</th>
              <th scope="col">Traveller</th>
              <th scope="col">Answer</th>
              <th scope="col">Best match</th>
              <th scope="col" className="numeric">
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {alerts.length === 0 ? (
              <tr>
                <td colSpan={6} className="empty">
                  No hits.
                </td>
              </tr>
            ) : (
              alerts.slice(0, SHOWN_ROWS).map(({ line, result }) => {
                const best = matchedHits(result)[0];
                const verdict = verdictOf(result);
                return (
                  <tr key={line} data-testid="screening-batch-hit-row" data-verdict={verdict}>
                    <td className="numeric">{line}</td>
                    <td>{result.id ?? <span className="muted">—</span>}</td>
                    <td>
                      {result.traveller.name ?? <span className="muted">—</span>}
                      {result.traveller.birthDate ? <span className="cell-sub">{result.traveller.birthDate}</span> : null}
                    </td>
                    <td>
                      <Badge tone="danger">{verdictLabel(verdict)}</Badge>
                    </td>
                    <td>
                      {best ? (best.entry?.names[0] ?? best.entryId) : null}
                      {result.documentHits.map((hit) => (
                        <span key={hit.documentId} className="cell-sub">
                          Document {hit.number} ({hit.status})
                        </span>
                      ))}
                    </td>
                    <td className="numeric">{best ? formatScore(best.score) : '—'}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      {alerts.length > SHOWN_ROWS ? (
        <p className="muted">
          The first {SHOWN_ROWS.toLocaleString('en')} of {alerts.length.toLocaleString('en')} travellers with a hit are listed; the download
          holds them all.
        </p>
      ) : null}

      {problems.length > 0 ? (
        <>
          <h3>Problems in the rows</h3>
          <ul className="issues" data-testid="screening-batch-row-problems">
            {problems.slice(0, SHOWN_ROWS).flatMap(({ line, result }) =>
              result.problems.map((problem, index) => (
                <li key={`${line}-${index}`}>
                  Line {line}
                  {result.id ? ` (${result.id})` : ''}: <strong>{problemFieldLabel(problem.field)}</strong> {problem.message}
                </li>
              )),
            )}
          </ul>
          {problems.length > SHOWN_ROWS ? (
            <p className="muted">
              The first {SHOWN_ROWS.toLocaleString('en')} of {problems.length.toLocaleString('en')} rows with problems are listed; the
              download holds them all.
            </p>
          ) : null}
        </>
      ) : null}

      <div className="actions">
        {download ? (
          <a
            className="button button-primary"
            href={download}
            download={`${baseName}-screening.jsonl`}
            data-testid="screening-batch-download"
          >
            Download results (JSON lines)
          </a>
        ) : null}
        <button type="button" className="button" onClick={onAgain} data-testid="screening-batch-again">
          Check another file
        </button>
      </div>
    </section>
  );
}
