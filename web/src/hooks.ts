// Data loading and form submission hooks used by the pages.
import { useEffect, useState, type DependencyList } from 'react';
import { isAbortError, toApiError, type ApiError } from './api';

export interface LoadState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

interface LoadSnapshot<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
}

/** Loads data when the component mounts and whenever `deps` change; aborts stale requests. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): LoadState<T> {
  const [snapshot, setSnapshot] = useState<LoadSnapshot<T>>({ data: undefined, error: null, loading: true });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setSnapshot((previous) => ({ ...previous, error: null, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSnapshot({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setSnapshot((previous) => ({ data: previous.data, error: toApiError(error), loading: false }));
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; `deps` says when it really changes.
  }, [...deps, version]);

  return {
    ...snapshot,
    reload: () => setVersion((value) => value + 1),
    setData: (data) => setSnapshot({ data, error: null, loading: false }),
  };
}

export type ActionResult<R> = { ok: true; value: R } | { ok: false; error: ApiError };

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<ActionResult<R>>;
  busy: boolean;
  error: ApiError | null;
  clearError: () => void;
}

/** Wraps a mutating call: tracks `busy` and keeps the last error for display. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run(...args: A): Promise<ActionResult<R>> {
    setBusy(true);
    setError(null);
    try {
      return { ok: true, value: await action(...args) };
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      return { ok: false, error: apiError };
    } finally {
      setBusy(false);
    }
  }

  return { run, busy, error, clearError: () => setError(null) };
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Vigil` : 'Vigil';
  }, [title]);
}
