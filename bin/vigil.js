#!/usr/bin/env node
// The `vigil` command: runs the built server code (npm run build, or npm start, builds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('vigil: not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
await import(entry.href);
