// `npm start`: builds the server and the console when the build is missing or older than the
// sources, then runs `vigil demo` (seed once, print the logins, serve).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
};
const outputs = [join(root, 'dist/server/main.js'), join(root, 'dist/web/index.html')];
const built = outputs.every(existsSync) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'web')), statSync(join(root, 'package-lock.json')).mtimeMs);
if (built < sources) {
  process.stderr.write('Building Vigil (server and console)…\n');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.argv = [process.argv[0], join(root, 'bin/vigil.js'), 'demo', ...process.argv.slice(2)];
await import(new URL('../dist/server/main.js', import.meta.url).href);
