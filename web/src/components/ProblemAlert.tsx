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
