import { formatDateTime } from '../format';

interface DateTimeProps {
  value: string | null;
  precise?: boolean;
  empty?: string;
}

/** A timestamp in the reader's locale; the exact ISO value is in the tooltip. */
export function DateTime({ value, precise = false, empty = '—' }: DateTimeProps) {
  if (!value) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={value} title={value}>
      {formatDateTime(value, precise)}
    </time>
  );
}
