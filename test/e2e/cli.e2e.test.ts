/**
 * The `vigil` command as an operator runs it: the built CLI as a child process on the embedded
 * database (no DATABASE_URL), checked by its exit codes (see src/platform/cli/program.ts) and its
 * output. Needs the server built (npm test does it; or npx tsc -p tsconfig.build.json).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteOptions } from '../../src/platform/database/database.js';
import { cleanup, repoRoot, runVigil, startVigil, tempDataDir, type Env } from './process.js';

afterAll(cleanup);

/** Runs SQL on a data directory's embedded database while no `vigil` process has it open. */
async function withPglite(dataDir: string, sql: string): Promise<void> {
  const pglite = await PGlite.create({ ...pgliteOptions, dataDir: join(dataDir, 'pglite') });
  try {
    await pglite.exec(sql);
  } finally {
    await pglite.close();
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('vigil help', () => {
  it('vigil --help exits 0 and lists the commands', async () => {
    const { code, stdout } = await runVigil(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'agency', 'user', 'token', 'audit']) expect(stdout).toContain(command);
  });

  it('the installed command (bin/vigil, linked as npm links it) starts Node with two malloc arenas unless told otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-bin-'));
    symlinkSync(join(repoRoot, 'bin/vigil'), join(dir, 'vigil'));
    // A preloaded module prints what the Node process was given.
    const probe = 'data:text/javascript,console.error(%22arenas=%22+process.env.MALLOC_ARENA_MAX)';
    const run = (env: Env) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          join(dir, 'vigil'),
          ['--help'],
          { env: { ...process.env, NODE_OPTIONS: `--import=${probe}`, ...env } },
          (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        );
      });
    const plain = await run({ MALLOC_ARENA_MAX: undefined });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Usage: vigil');
    expect(plain.stderr).toContain('arenas=2');
    expect((await run({ MALLOC_ARENA_MAX: '8' })).stderr).toContain('arenas=8');
    rmSync(dir, { recursive: true, force: true });
  });

  it('vigil agency --help exits 0 and lists its subcommands', async () => {
    const { code, stdout } = await runVigil(['agency', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/create/);
    expect(stdout).toMatch(/list/);
  });
});

// The tests in this block run in order and build on each other, on one data directory.
describe('administering a fresh embedded database', () => {
  let dataDir: string;
  const vigil = (args: string[], env: Env = {}) => runVigil(args, { env: { VIGIL_DATA_DIR: dataDir, ...env } });

  beforeAll(async () => {
    dataDir = await tempDataDir();
  });

  it('migrate creates the data directory and applies the migrations; a second run is up to date', async () => {
    expect(existsSync(dataDir)).toBe(false);

    const first = await vigil(['migrate']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied 0001_platform\b/);
    expect(existsSync(join(dataDir, 'pglite'))).toBe(true);

    const second = await vigil(['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/is up to date/);
  });

  it('agency create adds the operator agency, then a member agency (--json)', async () => {
    const operator = await vigil([
      'agency',
      'create',
      '--name',
      'Network Secretariat',
      '--country',
      'FRA',
      '--kind',
      'other',
      '--operator',
    ]);
    expect(operator.stderr).toBe('');
    expect(operator.code).toBe(0);
    expect(operator.stdout).toMatch(/^Created agency Network Secretariat \(FRA, other\) with id [0-9a-f-]{36}$/m);

    const member = await vigil(['--json', 'agency', 'create', '--name', 'National Police', '--country', 'nld', '--kind', 'police']);
    expect(member.code).toBe(0);
    const agency = JSON.parse(member.stdout) as Record<string, unknown>;
    expect(agency).toMatchObject({ name: 'National Police', country: 'NLD', kind: 'police', isOperator: false });
    expect(agency['id']).toMatch(uuid);
  });

  it('agency create refuses an invalid country with exit 2 and names the field', async () => {
    const { code, stdout, stderr } = await vigil(['agency', 'create', '--name', 'Nowhere Police', '--country', 'XXX', '--kind', 'police']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^\s*country: .*"XXX"/m);
  });

  it('agency create refuses a duplicate name with exit 4', async () => {
    const { code, stderr } = await vigil(['agency', 'create', '--name', 'National Police', '--country', 'NLD', '--kind', 'police']);
    expect(code).toBe(4);
    expect(stderr).toMatch(/National Police/);
  });

  it('user create prints a one-time password, and returns it as oneTimePassword with --json', async () => {
    const human = await vigil(['user', 'create', '--agency', 'National Police', '--username', 'k.jansen', '--roles', 'analyst']);
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Created user k\.jansen \(analyst\)$/m);
    expect(human.stdout).toMatch(/^One-time password: \S{12,}$/m);
    expect(human.stdout).toMatch(/shown once/);

    const json = await vigil([
      '--json',
      'user',
      'create',
      '--agency',
      'National Police',
      '--username',
      'p.devries',
      '--roles',
      'investigator,analyst',
    ]);
    expect(json.code).toBe(0);
    const created = JSON.parse(json.stdout) as {
      user: { username: string; roles: string[]; mustChangePassword: boolean };
      oneTimePassword: unknown;
    };
    expect(created.user).toMatchObject({ username: 'p.devries', mustChangePassword: true });
    expect([...created.user.roles].sort()).toEqual(['analyst', 'investigator']);
    expect(created.oneTimePassword).toEqual(expect.stringMatching(/^\S{12,}$/));
  });

  it('user create refuses an unknown role (exit 2) and an unknown agency (exit 3)', async () => {
    const role = await vigil(['user', 'create', '--agency', 'National Police', '--username', 'w.wizard', '--roles', 'wizard']);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/roles: .*wizard/);

    const agency = await vigil(['user', 'create', '--agency', 'No Such Agency', '--username', 'n.body', '--roles', 'analyst']);
    expect(agency.code).toBe(3);
    expect(agency.stderr).toMatch(/No Such Agency/);
  });

  it('token create prints a vgl_ secret once, and refuses the admin role (exit 2)', async () => {
    const created = await vigil([
      'token',
      'create',
      '--agency',
      'National Police',
      '--name',
      'Kiosk 4, Schiphol',
      '--roles',
      'border_officer',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Secret: vgl_\S+$/m);

    const admin = await vigil(['token', 'create', '--agency', 'National Police', '--name', 'Root kiosk', '--roles', 'admin']);
    expect(admin.code).toBe(2);
    expect(admin.stdout).not.toMatch(/vgl_/);
    expect(admin.stderr).toMatch(/roles: .*admin/);
  });

  // Audited so far: two agencies, two users, one token (refused commands change nothing).
  const entries = 5;

  it('audit verify exits 0 and reports the number of entries', async () => {
    const { code, stdout } = await vigil(['audit', 'verify']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`intact: ${entries} entries verified`));
  });

  it('audit export --format csv prints a header line and one line per entry, newest first', async () => {
    const { code, stdout } = await vigil(['audit', 'export', '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toMatch(/^seq,at,actorType,.*,action,.*,hash$/);
    expect(rows.map((row) => Number(row.split(',')[0]))).toEqual([5, 4, 3, 2, 1]);
    expect(rows[0]).toContain(',token.create,');
  });

  it('audit export --format jsonl --out FILE writes one parseable JSON line per entry', async () => {
    const file = join(dataDir, '..', 'audit.jsonl');
    const { code, stdout, stderr } = await vigil(['audit', 'export', '--format', 'jsonl', '--out', file]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    // The CSV export above is itself audited: one entry more.
    expect(stderr).toMatch(new RegExp(`Exported ${entries + 1} entries`));
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const events = lines.map((line) => JSON.parse(line) as { seq: number; action: string; hash: string });
    expect(events.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(events[0]).toMatchObject({ action: 'audit.export', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('audit export refuses an unwritable --out path with exit 2 and one clear line', async () => {
    const { code, stderr } = await vigil(['audit', 'export', '--out', join(dataDir, 'no', 'such', 'dir', 'audit.jsonl')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^vigil: Cannot write .*audit\.jsonl/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('audit verify exits 7 and names the entry after one is tampered with', async () => {
    await withPglite(dataDir, `alter table audit_event disable trigger user; update audit_event set action = 'tampered' where seq = 2;`);

    const { code, stdout } = await vigil(['audit', 'verify']);
    expect(code).toBe(7);
    expect(stdout).toMatch(/BROKEN at entry 2\b/);
  });
});

describe('refusing to start', () => {
  it('exits 6 with one clear line when DATABASE_URL points at no server', async () => {
    const { code, stdout, stderr } = await runVigil(['agency', 'list'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nope' } });
    expect(code).toBe(6);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^vigil: Cannot connect to PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/nope/);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 naming PORT when PORT is not a port number', async () => {
    const { code, stdout, stderr } = await runVigil(['serve'], { env: { PORT: 'abc' }, timeoutMs: 30_000 });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/PORT .*"abc"/);
  });

  it('exits 6 on a data directory written by a newer version of Vigil', async () => {
    const env = { VIGIL_DATA_DIR: await tempDataDir() };
    expect((await runVigil(['migrate'], { env })).code).toBe(0);
    await withPglite(
      env.VIGIL_DATA_DIR,
      `insert into kysely_migration (name, timestamp) values ('9999_future', '2099-01-01T00:00:00.000Z');`,
    );

    const { code, stderr } = await runVigil(['migrate'], { env });
    expect(code).toBe(6);
    expect(stderr).toMatch(/newer version/);
    expect(stderr).toMatch(/9999_future/);
  });

  it('exits 6 when another process holds the data directory', async () => {
    const env = { VIGIL_DATA_DIR: await tempDataDir() };
    const server = await startVigil(['serve'], env);

    const { code, stderr } = await runVigil(['agency', 'list'], { env });
    expect(code).toBe(6);
    expect(stderr).toContain(`is in use by process ${server.pid}`);

    // The refused process must not have disturbed the one that holds the directory.
    expect((await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    expect((await server.stop()).code).toBe(0);
  });

  it('takes over an empty lock file left by a crash', async () => {
    const dataDir = await tempDataDir();
    expect((await runVigil(['migrate'], { env: { VIGIL_DATA_DIR: dataDir } })).code).toBe(0);
    writeFileSync(join(dataDir, 'pglite.lock'), '');
    const { code, stderr } = await runVigil(['agency', 'list'], { env: { VIGIL_DATA_DIR: dataDir } });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
