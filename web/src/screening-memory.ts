// The operation and checkpoint an officer works in, remembered in this browser (per user) so that
// every check, batch and review starts where they left off.
import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from './session';

const CHANGE = 'vigil-screening-memory';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null || value === '') window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts until the page is left.
  }
  window.dispatchEvent(new Event(CHANGE));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** A string remembered in localStorage under `vigil.screening.<user id>.<name>`; null when none. */
function useRemembered(name: string): [string | null, (value: string | null) => void] {
  const { user } = useSession().session;
  const key = `vigil.screening.${user.id}.${name}`;
  const value = useSyncExternalStore(subscribe, () => read(key));
  const set = useCallback((next: string | null) => write(key, next), [key]);
  return [value, set];
}

export function useRememberedOperation(): [string | null, (value: string | null) => void] {
  return useRemembered('operation');
}

export function useRememberedCheckpoint(): [string | null, (value: string | null) => void] {
  return useRemembered('checkpoint');
}
