/**
 * What the server acknowledged survives the server: a write answered 201 is on disk even if the
 * process is killed right after, and a stopped server exits cleanly. The built CLI runs as a
 * child process on the embedded database; all traffic goes to 127.0.0.1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, runVigil, startVigil, tempDataDir } from './process.js';

afterAll(cleanup);

/** DEMO ONLY: the password of every demo user (src/demo/demo.ts). */
const demoPassword = 'demo-only-password';

const request = (url: string, init: RequestInit = {}): Promise<Response> => fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });

/** Signs in and returns the Cookie header of the new session. */
async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await request(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  const info = (await response.json()) as { pending: string | null };
  expect(info.pending).toBeNull();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('vigil_session='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

describe('durability', () => {
  it('killing the server loses nothing acknowledged', async () => {
    const env = { VIGIL_DATA_DIR: await tempDataDir() };
    const demo = await startVigil(['--json', 'demo'], env);
    const cookie = await signIn(demo.url, 'analyst', demoPassword);

    const titles = Array.from({ length: 20 }, (_, i) => `Durability check ${i + 1} of 20`);
    for (const title of titles) {
      const response = await request(`${demo.url}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ title, visibility: 'agency' }),
      });
      expect(response.status).toBe(201);
    }
    const killed = await demo.kill();
    expect(killed.signal).toBe('SIGKILL');

    const server = await startVigil(['serve'], env);
    const again = await signIn(server.url, 'analyst', demoPassword);
    const response = await request(`${server.url}/api/v1/cases`, { headers: { cookie: again } });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { title: string }[] };
    expect(items.map((c) => c.title)).toEqual(expect.arrayContaining(titles));
    expect((await server.stop()).code).toBe(0);

    const verify = await runVigil(['audit', 'verify'], { env });
    expect(verify.stdout).toMatch(/intact/);
    expect(verify.code).toBe(0);
  });

  it('SIGTERM stops vigil serve with exit code 0', async () => {
    const server = await startVigil(['serve'], { VIGIL_DATA_DIR: await tempDataDir() });
    expect((await request(`${server.url}/api/health`)).status).toBe(200);

    const stopped = await server.stop(15_000);
    expect(stopped.signal).toBeNull();
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toBe('');
  });
});
