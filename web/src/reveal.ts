// The reveal of a blurred picture (seized media, photos sent by the public): a confirm step, then
// the picture is shown until it blurs again after REVEAL_SECONDS, when the tab is hidden or left,
// or on "Blur again".
import { useEffect, useState } from 'react';

export const REVEAL_SECONDS = 30;

export type RevealState = { step: 'blurred' } | { step: 'confirming' } | { step: 'revealed'; at: number };

/** Seconds left until `onExpire`, which runs after REVEAL_SECONDS, or when the page is hidden or left. */
export function useRevealExpiry(revealedAt: number | null, onExpire: () => void): number {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (revealedAt === null) return;
    setNow(Date.now());
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    const expiry = window.setTimeout(onExpire, revealedAt + REVEAL_SECONDS * 1000 - Date.now());
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onExpire();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onExpire);
    return () => {
      window.clearInterval(tick);
      window.clearTimeout(expiry);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onExpire);
    };
  }, [revealedAt, onExpire]);

  if (revealedAt === null) return 0;
  return Math.max(0, Math.ceil((revealedAt + REVEAL_SECONDS * 1000 - now) / 1000));
}
