/**
 * EXIF clues that link a photo to a device, a place and a time: camera make, model and serial
 * number, lens, software, original date, GPS position. Read with exifr from the file's bytes.
 */
import exifr from 'exifr';

export interface ExifClues {
  make?: string;
  model?: string;
  serialNumber?: string;
  lens?: string;
  software?: string;
  /** ISO 8601, as recorded (camera clocks have no time zone: read it as local time). */
  takenAt?: string;
  gps?: { latitude: number; longitude: number; altitude?: number };
}

const text = (value: unknown): string | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = String(value).replace(/\0/g, '').trim();
  return trimmed === '' ? undefined : trimmed.slice(0, 200);
};

/** The clues present in an image, or undefined when it has none (or no readable EXIF). */
export async function readExifClues(bytes: Uint8Array): Promise<ExifClues | undefined> {
  let raw: Record<string, unknown> | undefined;
  try {
    raw = (await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      tiff: true,
      exif: true,
      gps: true,
      interop: false,
      makerNote: false,
      userComment: false,
      reviveValues: true,
    })) as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
  if (raw === undefined || raw === null) return undefined;
  const original = raw['DateTimeOriginal'] ?? raw['CreateDate'];
  const clues: ExifClues = {
    make: text(raw['Make']),
    model: text(raw['Model']),
    serialNumber: text(raw['BodySerialNumber'] ?? raw['SerialNumber'] ?? raw['CameraSerialNumber']),
    lens: text(raw['LensModel'] ?? raw['LensMake']),
    software: text(raw['Software']),
    takenAt: original instanceof Date && !Number.isNaN(original.getTime()) ? localIso(original) : text(original),
  };
  const latitude = raw['latitude'];
  const longitude = raw['longitude'];
  if (typeof latitude === 'number' && typeof longitude === 'number' && Number.isFinite(latitude) && Number.isFinite(longitude)) {
    const altitude = raw['GPSAltitude'];
    clues.gps = { latitude, longitude, ...(typeof altitude === 'number' && Number.isFinite(altitude) && { altitude }) };
  }
  const present = Object.fromEntries(Object.entries(clues).filter(([, v]) => v !== undefined)) as ExifClues;
  return Object.keys(present).length === 0 ? undefined : present;
}

/** exifr revives camera times as local Date objects; print them back without a zone. */
function localIso(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
