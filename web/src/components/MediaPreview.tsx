// The item page's thumbnail: blurred by default; an analyst may reveal it after a confirm step.
// The server records each reveal in the audit log. The picture blurs again after 30 seconds, when
// the tab is hidden or left, and on "Blur again".
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRevealExpiry, type RevealState } from '../reveal';
import type { MediaItem } from '../api';
import { canRevealMedia } from '../permissions';
import { useSession } from '../session';
import { MediaThumbnail } from './MediaThumbnail';

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
