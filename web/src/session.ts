// The signed-in session, shared with every page of the console.
import { createContext, useContext } from 'react';
import type { SessionInfo } from './api';

export interface SessionContextValue {
  session: SessionInfo;
  signOut: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export const SessionProvider = SessionContext.Provider;

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() must be used inside <SessionProvider>.');
  return value;
}
