// A site's history, one mark per finished visit in time order, hand-drawn in SVG like the operation
// dashboard's charts: the state of each visit (up, down, challenge or logged out), and series of
// counts or times (pages, media with the known ones, mean response time, member count). Each chart
// names itself in a <title>, lists its values in a <desc> and offers the same numbers as a table;
// states differ in height and wording as well as colour.
import { useId } from 'react';
import type { Visit } from '../darkweb-api';
import { chartTime, failureLabel, outcomeLabel } from '../darkweb-format';

const WIDTH = 520;
const HEIGHT = 140;
const AXIS_HEIGHT = 36;
const LEFT = 20;

type Tone = 'accent' | 'known' | 'new' | 'up' | 'down' | 'other';

interface Layout {
  step: number;
  width: number;
  /** Label every n-th visit on the axis (about eight labels in all). */
  every: number;
}

function layout(count: number): Layout {
  const step = Math.max(6, Math.min(40, (WIDTH - LEFT * 2) / Math.max(count, 1)));
  const width = Math.max(WIDTH, count * step + LEFT * 2);
  return { step, width, every: Math.max(1, Math.ceil(count / Math.floor((width - LEFT * 2) / 64))) };
}

function Axis({ visits, layout: { step, width, every } }: { visits: readonly Visit[]; layout: Layout }) {
  return (
    <>
      <line className="chart-axis" x1={LEFT} x2={width - 10} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} />
      {visits.map((visit, index) =>
        index % every === 0 ? (
          <text key={visit.id} className="chart-label" x={LEFT + index * step + step / 2} y={HEIGHT + 16} textAnchor="middle">
            {chartTime(visitTime(visit), true)}
          </text>
        ) : null,
      )}
    </>
  );
}

/** When the visit happened: its start, or its queueing when it never started. */
function visitTime(visit: Visit): string {
  return visit.startedAt ?? visit.queuedAt;
}

function Legend({ items }: { items: readonly { name: string; tone: Tone }[] }) {
  if (items.length < 2) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((item) => (
        <li key={item.name}>
          <span className={`chart-swatch chart-${item.tone}`} />
          {item.name}
        </li>
      ))}
    </ul>
  );
}

// Up or down

const STATE_HEIGHT: Record<string, number> = { up: 1, challenge: 0.6, logged_out: 0.6, down: 0.25 };
const STATE_TONE: Record<string, Tone> = { up: 'up', challenge: 'other', logged_out: 'other', down: 'down' };

/** One column per visit: full height when the site was up, short when down, between for a challenge or login wall. */
export function UptimeChart({ visits, testId }: { visits: readonly Visit[]; testId: string }) {
  const id = useId();
  const title = 'Up or down at each visit';
  const measured = visits.filter((visit) => visit.outcome !== null);
  const up = measured.filter((visit) => visit.outcome === 'up').length;
  const box = layout(measured.length);
  return (
    <figure className="chart" data-testid={testId} data-visits={measured.length} data-up={up}>
      <figcaption className="chart-title">{title}</figcaption>
      {measured.length === 0 ? (
        <p className="muted chart-empty">No finished visit yet.</p>
      ) : (
        <>
          <p className="chart-summary">
            Up at {up} of {measured.length} {measured.length === 1 ? 'visit' : 'visits'} ({Math.round((up / measured.length) * 100)}%).
          </p>
          <svg
            className="chart-svg"
            viewBox={`0 0 ${box.width} ${HEIGHT + AXIS_HEIGHT}`}
            width="100%"
            style={{ maxWidth: `${box.width}px` }}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
          >
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>
              {measured.map((visit) => `${chartTime(visitTime(visit))}: ${outcomeLabel(visit.outcome)}`).join('; ')}
            </desc>
            {measured.map((visit, index) => {
              const outcome = visit.outcome ?? 'down';
              const length = (STATE_HEIGHT[outcome] ?? 0.25) * (HEIGHT - 10);
              return (
                <rect
                  key={visit.id}
                  className={`chart-${STATE_TONE[outcome] ?? 'other'}`}
                  x={LEFT + index * box.step + box.step * 0.1}
                  y={HEIGHT - length}
                  width={box.step * 0.8}
                  height={length}
                  rx={1}
                  data-outcome={outcome}
                >
                  <title>{`${chartTime(visitTime(visit))}: ${outcomeLabel(visit.outcome)}${visit.failureClass ? ` (${failureLabel(visit.failureClass)})` : ''}`}</title>
                </rect>
              );
            })}
            <Axis visits={measured} layout={box} />
          </svg>
          <Legend
            items={[
              { name: 'Up', tone: 'up' },
              { name: 'Challenge or logged out', tone: 'other' },
              { name: 'Down', tone: 'down' },
            ]}
          />
          <details className="chart-table">
            <summary>Show as a table</summary>
            <table className="table table-compact">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">Visit</th>
                  <th scope="col">State</th>
                  <th scope="col">Failure</th>
                </tr>
              </thead>
              <tbody>
                {measured.map((visit) => (
                  <tr key={visit.id} data-testid={`${testId}-row`}>
                    <td>{chartTime(visitTime(visit))}</td>
                    <td>{outcomeLabel(visit.outcome)}</td>
                    <td>{visit.failureClass ? failureLabel(visit.failureClass) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}

// Counts and times

export interface HistorySeries {
  name: string;
  tone: Tone;
  value: (visit: Visit) => number | null;
}

interface HistoryChartProps {
  title: string;
  visits: readonly Visit[];
  /** Stacked in this order from the axis up (columns), or the first one as a line. */
  series: readonly HistorySeries[];
  kind?: 'columns' | 'line';
  format?: (value: number) => string;
  testId: string;
  emptyText: string;
}

const plain = (value: number) => value.toLocaleString('en');

export function HistoryChart({ title, visits, series, kind = 'columns', format = plain, testId, emptyText }: HistoryChartProps) {
  const id = useId();
  const rows = visits.map((visit) => ({ visit, values: series.map((one) => one.value(visit)) }));
  const totals = rows.map((row) => row.values.reduce<number>((sum, value) => sum + (value ?? 0), 0));
  const max = Math.max(0, ...(kind === 'line' ? rows.map((row) => row.values[0] ?? 0) : totals));
  const box = layout(visits.length);
  const describe = rows
    .map(
      (row) =>
        `${chartTime(visitTime(row.visit))}: ${row.values.map((value, index) => `${series[index]?.name ?? ''} ${value === null ? 'none' : format(value)}`).join(', ')}`,
    )
    .join('; ');
  return (
    <figure className="chart" data-testid={testId} data-max={max}>
      <figcaption className="chart-title">{title}</figcaption>
      {visits.length === 0 || max === 0 ? (
        <p className="muted chart-empty">{emptyText}</p>
      ) : (
        <>
          <svg
            className="chart-svg"
            viewBox={`0 0 ${box.width} ${HEIGHT + AXIS_HEIGHT}`}
            width="100%"
            style={{ maxWidth: `${box.width}px` }}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
          >
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{describe}</desc>
            <text className="chart-value" x={LEFT} y={12}>
              {format(max)}
            </text>
            {kind === 'line' ? <Line rows={rows} max={max} box={box} series={series[0]} format={format} /> : null}
            {kind === 'columns'
              ? rows.map((row, index) => (
                  <StackedColumn key={row.visit.id} row={row} index={index} max={max} box={box} series={series} format={format} />
                ))
              : null}
            <Axis visits={visits} layout={box} />
          </svg>
          <Legend items={series} />
          <details className="chart-table">
            <summary>Show as a table</summary>
            <table className="table table-compact">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">Visit</th>
                  {series.map((one) => (
                    <th key={one.name} scope="col" className="numeric">
                      {one.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.visit.id} data-testid={`${testId}-row`}>
                    <td>{chartTime(visitTime(row.visit))}</td>
                    {row.values.map((value, index) => (
                      <td key={series[index]?.name ?? index} className="numeric">
                        {value === null ? '—' : format(value)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}

interface Row {
  visit: Visit;
  values: (number | null)[];
}

function StackedColumn({
  row,
  index,
  max,
  box,
  series,
  format,
}: {
  row: Row;
  index: number;
  max: number;
  box: Layout;
  series: readonly HistorySeries[];
  format: (value: number) => string;
}) {
  let base = HEIGHT;
  const x = LEFT + index * box.step + box.step * 0.15;
  const label = `${chartTime(visitTime(row.visit))}: ${row.values.map((value, at) => `${series[at]?.name ?? ''} ${value === null ? 'none' : format(value)}`).join(', ')}`;
  return (
    <g data-visit={row.visit.id}>
      {row.values.map((value, at) => {
        if (value === null || value <= 0) return null;
        const length = Math.max(2, (value / max) * (HEIGHT - 20));
        base -= length;
        return (
          <rect
            key={series[at]?.name ?? at}
            className={`chart-${series[at]?.tone ?? 'accent'}`}
            x={x}
            y={base}
            width={box.step * 0.7}
            height={length}
            rx={1}
          >
            <title>{label}</title>
          </rect>
        );
      })}
    </g>
  );
}

/** The first series as a line; a visit without a value breaks it. */
function Line({
  rows,
  max,
  box,
  series,
  format,
}: {
  rows: readonly Row[];
  max: number;
  box: Layout;
  series: HistorySeries | undefined;
  format: (value: number) => string;
}) {
  const points = rows.map((row, index) => {
    const value = row.values[0] ?? null;
    return {
      row,
      value,
      x: LEFT + index * box.step + box.step / 2,
      y: value === null ? null : HEIGHT - (value / max) * (HEIGHT - 20),
    };
  });
  const path = points
    .map((point, index) => {
      if (point.y === null) return '';
      const previous = points[index - 1];
      return `${previous && previous.y !== null ? 'L' : 'M'}${point.x.toFixed(1)},${point.y.toFixed(1)}`;
    })
    .join(' ')
    .trim();
  return (
    <g>
      {path ? <path className={`chart-line chart-line-${series?.tone ?? 'accent'}`} d={path} /> : null}
      {points.map((point) =>
        point.y === null || point.value === null ? null : (
          <circle key={point.row.visit.id} className={`chart-${series?.tone ?? 'accent'}`} cx={point.x} cy={point.y} r={3}>
            <title>{`${chartTime(visitTime(point.row.visit))}: ${format(point.value)}`}</title>
          </circle>
        ),
      )}
    </g>
  );
}
