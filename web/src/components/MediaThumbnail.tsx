// A media thumbnail made on the server: blurred and greyscale there, and blurred again here by CSS
// in case a proxy or a bug ever sends the original. Only `reveal` (the item page, after the
// analyst confirms) asks for the unblurred image. A stored video shows its contact sheet (frames
// tiled by the server, never played); anything else gets a neutral placeholder.
import { useState } from 'react';
import { contactSheetUrl, thumbnailUrl, type MediaItem } from '../api';

type ThumbnailMedia = Pick<MediaItem, 'id' | 'kind' | 'stored'>;

interface MediaThumbnailProps {
  media: ThumbnailMedia;
  size: 'small' | 'large';
  reveal?: boolean;
}

/** Why there is no picture, or null when the server has a thumbnail for it. */
function placeholderText(media: ThumbnailMedia): string | null {
  if (media.kind !== 'image' && media.kind !== 'video') return `${media.kind}: hashes only`;
  if (!media.stored) return `${media.kind}: hashes only`;
  return null;
}

export function MediaThumbnail({ media, size, reveal = false }: MediaThumbnailProps) {
  const [failed, setFailed] = useState<string | null>(null);
  const placeholder = placeholderText(media);
  const src = media.kind === 'video' ? contactSheetUrl(media.id, reveal) : thumbnailUrl(media.id, reveal);
  const frame = `media-frame media-frame-${size}`;

  if (placeholder !== null || failed === src) {
    return (
      <div className={frame}>
        <span className="media-placeholder" data-testid="media-placeholder">
          {placeholder ?? 'No preview'}
        </span>
      </div>
    );
  }
  return (
    <div className={frame}>
      <img
        // A new element for each URL: the revealed picture is gone the moment it re-blurs.
        key={src}
        src={src}
        className={reveal ? 'media-thumb media-thumb-revealed' : `media-thumb media-thumb-${size}`}
        alt={`${media.kind === 'video' ? 'Contact sheet' : 'Thumbnail'}, ${reveal ? 'unblurred' : 'blurred and greyscale'}`}
        loading={size === 'small' ? 'lazy' : 'eager'}
        decoding="async"
        draggable={false}
        referrerPolicy="no-referrer"
        onError={() => setFailed(src)}
        data-testid="media-thumb"
        data-revealed={reveal ? 'true' : 'false'}
      />
    </div>
  );
}
