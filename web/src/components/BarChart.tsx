// Hand-drawn SVG bar charts for the operation dashboard: horizontal bars for categories, columns
// for days. Each chart names itself in a <title>, lists its values in a <desc>, and offers the same
// numbers as a table, so the figures never live in the picture alone.
import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
}

interface BarChartProps {
  title: string;
  bars: readonly Bar[];
  /** Columns along a time axis instead of horizontal bars. */
  columns?: boolean;
  testId: string;
  /** Shown instead of the chart when every value is zero or there are none. */
  emptyText?: string;
}

const ROW_HEIGHT = 24;
const LABEL_WIDTH = 150;
const WIDTH = 520;
const VALUE_WIDTH = 56;
const COLUMN_HEIGHT = 160;
const AXIS_HEIGHT = 40;

function describe(bars: readonly Bar[]): string {
  return bars.map((bar) => `${bar.label}: ${bar.value.toLocaleString('en')}`).join('; ');
}

/** A label that fits in `max` characters. */
function fit(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

export function BarChart({ title, bars, columns = false, testId, emptyText = 'Nothing yet.' }: BarChartProps) {
  const id = useId();
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  return (
    <figure className="chart" data-testid={testId} data-total={total}>
      <figcaption className="chart-title">{title}</figcaption>
      {bars.length === 0 || max === 0 ? (
        <p className="muted chart-empty">{emptyText}</p>
      ) : columns ? (
        <Columns id={id} title={title} bars={bars} max={max} />
      ) : (
        <Bars id={id} title={title} bars={bars} max={max} />
      )}
      {max > 0 ? (
        <details className="chart-table">
          <summary>Show as a table</summary>
          <table className="table table-compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{columns ? 'Day' : 'Category'}</th>
                <th scope="col" className="numeric">
                  Count
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.label} data-testid={`${testId}-row`}>
                  <td>{bar.label}</td>
                  <td className="numeric">{bar.value.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}

function Bars({ id, title, bars, max }: { id: string; title: string; bars: readonly Bar[]; max: number }) {
  const height = bars.length * ROW_HEIGHT + 4;
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: `${WIDTH}px` }}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{describe(bars)}</desc>
      {bars.map((bar, index) => {
        const y = index * ROW_HEIGHT + 2;
        const length = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * span);
        return (
          <g key={bar.label} data-label={bar.label} data-value={bar.value}>
            <text className="chart-label" x={LABEL_WIDTH - 8} y={y + ROW_HEIGHT / 2} textAnchor="end" dominantBaseline="middle">
              {fit(bar.label, 20)}
            </text>
            <rect className="chart-bar" x={LABEL_WIDTH} y={y + 3} width={length} height={ROW_HEIGHT - 6} rx={2} />
            <text className="chart-value" x={LABEL_WIDTH + length + 6} y={y + ROW_HEIGHT / 2} dominantBaseline="middle">
              {bar.value.toLocaleString('en')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Columns({ id, title, bars, max }: { id: string; title: string; bars: readonly Bar[]; max: number }) {
  const step = Math.max(8, Math.min(48, (WIDTH - 40) / bars.length));
  const width = Math.max(WIDTH, bars.length * step + 40);
  const height = COLUMN_HEIGHT + AXIS_HEIGHT;
  // Label every day when they fit, otherwise about eight labels along the axis.
  const every = Math.max(1, Math.ceil(bars.length / Math.floor((width - 40) / 64)));
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: `${width}px` }}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{describe(bars)}</desc>
      <line className="chart-axis" x1={20} x2={width - 10} y1={COLUMN_HEIGHT + 0.5} y2={COLUMN_HEIGHT + 0.5} />
      <text className="chart-value" x={20} y={12}>
        {max.toLocaleString('en')}
      </text>
      {bars.map((bar, index) => {
        const x = 20 + index * step;
        const length = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * (COLUMN_HEIGHT - 20));
        return (
          <g key={bar.label} data-label={bar.label} data-value={bar.value}>
            <rect className="chart-bar" x={x + step * 0.15} y={COLUMN_HEIGHT - length} width={step * 0.7} height={length} rx={2}>
              <title>{`${bar.label}: ${bar.value.toLocaleString('en')}`}</title>
            </rect>
            {index % every === 0 ? (
              <text className="chart-label" x={x + step / 2} y={COLUMN_HEIGHT + 16} textAnchor="middle">
                {bar.label.length === 10 ? bar.label.slice(5) : fit(bar.label, 10)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
