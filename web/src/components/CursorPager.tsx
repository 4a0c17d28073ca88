/*
 * Paging through a list that the server reads after a cursor (the last id seen): the cursors of the
 * pages seen so far, so that Previous goes back exactly, and the Previous / range / Next toolbar.
 *
 *   const paging = useCursorPages<number>(0, 50);
 *   const pages = useLoad((signal) => listPages(id, { after: paging.after, limit: 50 }, signal), [id, paging.after]);
 *   <CursorPager paging={paging} noun="Pages" count={items.length} next={items.length === 50 ? items.at(-1)?.id : undefined} loading={pages.loading} testId="darkweb-pages" />
 */
import { useCallback, useMemo, useState } from 'react';

export interface CursorPages<C> {
  /** The cursor of the page shown. */
  after: C;
  /** The number of the page's first item (1-based). */
  first: number;
  atStart: boolean;
  back: () => void;
  forward: (cursor: C) => void;
  /** Back to the first page (a new filter). */
  reset: () => void;
}

export function useCursorPages<C>(start: C, pageSize: number): CursorPages<C> {
  const [cursors, setCursors] = useState<C[]>([start]);
  const back = useCallback(() => setCursors((previous) => (previous.length > 1 ? previous.slice(0, -1) : previous)), []);
  const forward = useCallback((cursor: C) => setCursors((previous) => [...previous, cursor]), []);
  const reset = useCallback(() => setCursors([start]), [start]);
  return useMemo(
    () => ({
      after: cursors.at(-1) as C,
      first: (cursors.length - 1) * pageSize + 1,
      atStart: cursors.length === 1,
      back,
      forward,
      reset,
    }),
    [cursors, pageSize, back, forward, reset],
  );
}

export function CursorPager<C>({
  paging,
  noun,
  count,
  next,
  loading,
  testId,
}: {
  paging: CursorPages<C>;
  /** "Pages", "Records", …: the range reads "Pages 51–100". */
  noun: string;
  /** Items on the page shown. */
  count: number;
  /** The cursor of the next page, or undefined on the last page. */
  next: C | undefined;
  loading: boolean;
  testId: string;
}) {
  return (
    <div className="toolbar">
      <button
        type="button"
        className="button button-small"
        onClick={paging.back}
        disabled={paging.atStart || loading}
        data-testid={`${testId}-previous`}
      >
        Previous
      </button>
      <span className="muted" data-testid={`${testId}-range`}>
        {count > 0 ? `${noun} ${paging.first}–${paging.first + count - 1}` : ''}
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={() => next !== undefined && paging.forward(next)}
        disabled={next === undefined || loading}
        data-testid={`${testId}-next`}
      >
        Next
      </button>
    </div>
  );
}
