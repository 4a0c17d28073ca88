// The photos of a draft notice: upload (re-encoded by the server, metadata stripped), a caption and
// a "public" toggle per photo, and removal. Only public photos are ever shown on the public site.
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../forms';
import { useAction } from '../hooks';
import { deleteNoticePhoto, noticePhotoUrl, updateNoticePhoto, uploadNoticePhoto, type Notice, type NoticePhoto } from '../notices-api';
import { CheckboxField, FileField, TextField } from './Field';
import { ProblemAlert } from './ProblemAlert';

interface NoticePhotosProps {
  notice: Notice;
  /** The photos may be changed (a draft the user may edit). */
  editable: boolean;
  onChanged: () => void;
}

export function NoticePhotos({ notice, editable, onChanged }: NoticePhotosProps) {
  const photos = [...notice.photos].sort((a, b) => a.position - b.position);
  return (
    <section className="notice-photos" aria-labelledby="notice-photos-title" data-testid="notice-photos">
      <h2 id="notice-photos-title">Photos</h2>
      {photos.length === 0 ? <p className="muted">No photos yet.</p> : null}
      {photos.length > 0 ? (
        <ul className="photo-list">
          {photos.map((photo, index) =>
            editable ? (
              <EditablePhoto key={photo.id} notice={notice} photo={photo} label={`Photo ${index + 1}`} onChanged={onChanged} />
            ) : (
              <li key={photo.id} data-testid="notice-photo">
                <figure className="notice-photo">
                  <img src={noticePhotoUrl(notice.id, photo.id)} alt={photo.caption || `Photo ${index + 1}`} loading="lazy" />
                  <figcaption>
                    {photo.caption || <span className="muted">No caption</span>}
                    <span className="cell-sub">{photo.public ? 'Public' : 'Police only'}</span>
                  </figcaption>
                </figure>
              </li>
            ),
          )}
        </ul>
      ) : null}
      {editable ? <PhotoUpload notice={notice} onUploaded={onChanged} /> : null}
    </section>
  );
}

function EditablePhoto({ notice, photo, label, onChanged }: { notice: Notice; photo: NoticePhoto; label: string; onChanged: () => void }) {
  const [caption, setCaption] = useState(photo.caption);
  const change = useAction((changes: { caption?: string; public?: boolean }) => updateNoticePhoto(notice.id, photo.id, changes));
  const remove = useAction(() => deleteNoticePhoto(notice.id, photo.id));
  const errors = fieldErrors(change.error);

  async function saveCaption(event: FormEvent) {
    event.preventDefault();
    const result = await change.run({ caption: caption.trim() });
    if (result.ok) onChanged();
  }

  async function togglePublic(value: boolean) {
    const result = await change.run({ public: value });
    if (result.ok) onChanged();
  }

  async function confirmRemove() {
    const result = await remove.run();
    if (result.ok) onChanged();
  }

  return (
    <li data-testid="notice-photo" data-photo-id={photo.id}>
      <figure className="notice-photo">
        <img src={noticePhotoUrl(notice.id, photo.id)} alt={photo.caption || label} loading="lazy" />
        <figcaption>
          <form onSubmit={saveCaption} aria-label={`${label}: caption`}>
            <TextField
              label={`${label} caption`}
              value={caption}
              onChange={setCaption}
              error={errors.caption}
              disabled={change.busy}
              testId="notice-photo-caption"
            />
            {caption !== photo.caption ? (
              <button type="submit" className="button button-small" disabled={change.busy} data-testid="notice-photo-caption-save">
                Save caption
              </button>
            ) : null}
          </form>
          <CheckboxField
            label="Public"
            hint={photo.public ? 'Shown on the public site once published.' : 'Police only.'}
            checked={photo.public}
            onChange={(value) => void togglePublic(value)}
            error={errors.public}
            disabled={change.busy}
            testId="notice-photo-public"
          />
          <ProblemAlert error={change.error} fields={['caption', 'public']} />
          <ProblemAlert error={remove.error} />
          <button type="button" className="button button-small button-danger" onClick={() => void confirmRemove()} disabled={remove.busy}>
            {remove.busy ? 'Removing…' : `Remove ${label.toLowerCase()}`}
          </button>
        </figcaption>
      </figure>
    </li>
  );
}

function PhotoUpload({ notice, onUploaded }: { notice: Notice; onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [isPublic, setPublic] = useState(true);
  const [inputKey, setInputKey] = useState(0);
  const upload = useAction((chosen: File) => uploadNoticePhoto(notice.id, chosen, { caption: caption.trim(), public: isPublic }));
  const errors = fieldErrors(upload.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (file === null) return;
    const result = await upload.run(file);
    if (result.ok) {
      setFile(null);
      setCaption('');
      setInputKey((value) => value + 1);
      onUploaded();
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Add a photo" data-testid="notice-photo-upload">
      <h3>Add a photo</h3>
      <ProblemAlert error={upload.error} fields={['file', 'caption', 'public']} testId="notice-photo-error" />
      <FileField
        key={inputKey}
        label="Photo"
        hint="JPEG, PNG or WebP. The server re-encodes it and strips its metadata (location, camera)."
        accept="image/jpeg,image/png,image/webp"
        onChange={(files) => setFile(files[0] ?? null)}
        error={errors.file}
        disabled={upload.busy}
        testId="notice-photo-file"
      />
      <TextField
        label="Caption (optional)"
        value={caption}
        onChange={setCaption}
        error={errors.caption}
        disabled={upload.busy}
        testId="notice-photo-new-caption"
      />
      <CheckboxField
        label="Public"
        hint="Shown on the public site once the notice is published. Untick for photos only the police may see."
        checked={isPublic}
        onChange={setPublic}
        error={errors.public}
        disabled={upload.busy}
        testId="notice-photo-new-public"
      />
      <div className="actions">
        <button type="submit" className="button" disabled={upload.busy || file === null} data-testid="notice-photo-submit">
          {upload.busy ? 'Uploading…' : 'Upload the photo'}
        </button>
      </div>
    </form>
  );
}
