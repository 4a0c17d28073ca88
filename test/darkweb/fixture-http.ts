/**
 * One HTTP request to a fixture site with a chosen Host header, as a request through Tor would
 * carry the onion name (fetch always sends the URL's own host, so it cannot reach a mirror).
 *
 *   const { status, body } = await fixtureRequest(site.url, '/thread/2', { host: mirrorHost });
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface FixtureResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
}

/** GET (or POST) `path` from the server at `baseUrl`, sending `host` and `cookie` when given. */
export function fixtureRequest(
  baseUrl: string,
  path: string,
  options: { host?: string; cookie?: string; method?: 'GET' | 'POST' | 'HEAD' } = {},
): Promise<FixtureResponse> {
  const headers: Record<string, string> = {};
  if (options.host !== undefined) headers['host'] = options.host;
  if (options.cookie !== undefined) headers['cookie'] = options.cookie;
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, baseUrl), { method: options.method ?? 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text: () => body.toString('utf8') });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
