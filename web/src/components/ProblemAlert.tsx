// Shows a problem document: its `detail`, plus any field errors no form field displays.
import type { ApiError } from '../api';
import { fieldName, fieldSentence } from '../forms';

interface ProblemAlertProps {
  error: ApiError | null;
  /** Fields the surrounding form shows errors for; errors for other fields are listed here. */
  fields?: readonly string[];
  testId?: string;
}

export function ProblemAlert({ error, fields = [], testId = 'form-error' }: ProblemAlertProps) {
  if (!error) return null;
  const { detail, title, errors = [], requestId } = error.problem;
  const unplaced = errors.filter((entry) => !fields.includes(fieldName(entry.field)));
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p>{detail ?? title ?? error.message}</p>
      {unplaced.length > 0 ? (
        <ul>
          {unplaced.map((entry, index) => (
            <li key={index}>{entry.field ? fieldSentence(fieldName(entry.field), entry.message) : entry.message}</li>
          ))}
        </ul>
      ) : null}
      {requestId ? <p className="alert-meta">Request ID: {requestId}</p> : null}
    </div>
  );
}

/** A table row spanning `colSpan` columns that shows a row action's problem, if any. */
export function RowProblem({ error, colSpan }: { error: ApiError | null; colSpan: number }) {
  if (!error) return null;
  return (
    <tr className="row-detail">
      <td colSpan={colSpan}>
        <ProblemAlert error={error} />
      </td>
    </tr>
  );
}
