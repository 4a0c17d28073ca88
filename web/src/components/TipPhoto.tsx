// A photo sent by the public with a tip: it may show anything, so it is shown blurred and greyscale
// until someone deliberately reveals it (a confirm step), and blurs again after 30 seconds, when the
// tab is hidden or left, and on "Blur again".
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRevealExpiry, type RevealState } from '../reveal';
import { tipPhotoUrl } from '../notices-api';

interface TipPhotoProps {
  tipId: string;
  photo: { id: string; width: number; height: number };
  index: number;
}

export function TipPhoto({ tipId, photo, index }: TipPhotoProps) {
  const [state, setState] = useState<RevealState>({ step: 'blurred' });
  const confirmRef = useRef<HTMLDivElement>(null);
  const revealRef = useRef<HTMLButtonElement>(null);
  const blur = useCallback(() => setState({ step: 'blurred' }), []);
  const revealed = state.step === 'revealed';
  const secondsLeft = useRevealExpiry(revealed ? state.at : null, blur);
  const label = `Photo ${index + 1} sent with the tip`;

  useEffect(() => {
    if (state.step === 'confirming') confirmRef.current?.focus();
  }, [state.step]);

  return (
    <figure className="tip-photo" data-testid="tip-photo" data-revealed={revealed ? 'true' : 'false'}>
      <div className="tip-photo-frame">
        <img
          className={revealed ? 'tip-photo-image tip-photo-revealed' : 'tip-photo-image'}
          src={tipPhotoUrl(tipId, photo.id)}
          alt={revealed ? label : `${label}, blurred`}
          width={photo.width}
          height={photo.height}
          loading="lazy"
          draggable={false}
        />
      </div>
      <figcaption className="muted" data-testid="tip-photo-caption">
        {revealed ? `Unblurred; blurs again in ${secondsLeft} s.` : 'Blurred and greyscale: sent by the public, it may show anything.'}
      </figcaption>
      <div className="media-preview-actions">
        {state.step === 'blurred' ? (
          <button
            type="button"
            className="button button-small"
            ref={revealRef}
            onClick={() => setState({ step: 'confirming' })}
            data-testid="tip-photo-reveal"
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
            data-testid="tip-photo-reveal-step"
          >
            <p>This shows the photo as the sender sent it, in colour and unblurred.</p>
            <div className="actions">
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => setState({ step: 'revealed', at: Date.now() })}
                data-testid="tip-photo-reveal-confirm"
              >
                Reveal unblurred
              </button>
              <button type="button" className="button button-small" onClick={blur}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
        {revealed ? (
          <button type="button" className="button button-small button-primary" onClick={blur} data-testid="tip-photo-reblur">
            Blur again
          </button>
        ) : null}
      </div>
    </figure>
  );
}
