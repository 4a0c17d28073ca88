/** Every migration, in order. Never edit one that has landed: add the next number. */
import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_media.js';
import * as m0003 from './0003_screening.js';
import * as m0004 from './0004_border_operations.js';
import * as m0005 from './0005_notices.js';
import * as m0006 from './0006_darkweb.js';
import * as m0007 from './0007_darkweb_video.js';
import * as m0008 from './0008_persons.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001_platform': m0001,
  '0002_media': m0002,
  '0003_screening': m0003,
  '0004_border_operations': m0004,
  '0005_notices': m0005,
  '0006_darkweb': m0006,
  '0007_darkweb_video': m0007,
  '0008_persons': m0008,
};
