// The item page's thumbnail: blurred by default; an analyst may reveal it after a confirm step.
// The server records each reveal in the audit log. The picture blurs again after 30 seconds, when
// the tab is hidden or left, and on "Blur again".
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaItem } from '../api';
import { canRevealMedia } from '../permissions';
import { useSession } from '../session';
import { MediaThumbnail } from './MediaThumbnail';

export const REVEAL_SECONDS = 30;

type RevealState = { step: 'blurred' } | { step: 'confirming' } | { step: 'revealed'; at: number };

/** Seconds left until `onExpire`, which runs after REVEAL_SECONDS, or when the page is hidden or left. */
function useRevealExpiry(revealedAt: number | null, onExpire: () => void): number {
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

export function MediaPreview({ media }: { media: MediaItem }) {
  const { user } = useSession().session;
  const [state, setState] = useState<RevealState>({ step: 'blurred' });
  const confirmRef = useRef<HTMLDivElement>(null);
  const blur = useCallback(() => setState({ step: 'blurred' }), []);
  const revealed = state.step === 'revealed';
  const secondsLeft = useRevealExpiry(revealed ? state.at : null, blur);
  const hasPicture = (media.kind === 'image' || media.kind === 'video') && media.stored;
  const mayReveal = canRevealMedia(user) && hasPicture;

  useEffect(() => {
    if (state.step === 'confirming') confirmRef.current?.focus();
  }, [state.step]);

  return (
    <figure className="media-preview" data-testid="media-preview">
      <MediaThumbnail media={media} size="large" reveal={revealed} />
      {hasPicture ? (
        <figcaption className="muted" data-testid="media-preview-caption">
          {revealed ? `Unblurred; blurs again in ${secondsLeft} s.` : 'Blurred and greyscale by default.'}
        </figcaption>
      ) : null}
      {mayReveal ? (
        <div className="media-preview-actions">
          {state.step === 'blurred' ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => setState({ step: 'confirming' })}
              data-testid="media-reveal"
            >
              Reveal
            </button>
          ) : null}
          {state.step === 'confirming' ? (
            <div
              className="reveal-confirm"
              role="group"
              aria-label="Confirm the reveal"
              tabIndex={-1}
              ref={confirmRef}
              data-testid="media-reveal-step"
            >
              <p>This shows the image unblurred; the reveal is recorded in the audit log.</p>
              <div className="actions">
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => setState({ step: 'revealed', at: Date.now() })}
                  data-testid="media-reveal-confirm"
                >
                  Reveal unblurred
                </button>
                <button type="button" className="button button-small" onClick={blur} data-testid="media-reveal-cancel">
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
          {revealed ? (
            <button type="button" className="button button-small button-primary" onClick={blur} data-testid="media-reblur">
              Blur again
            </button>
          ) : null}
        </div>
      ) : null}
    </figure>
  );
}
