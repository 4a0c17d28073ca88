/**
 * Configuration. `loadConfig(env)` is pure: it validates every variable, reports every problem at
 * once and returns a frozen object. Secrets that are absent are generated later, into the data
 * directory, by `resolveSecrets` (the only part that touches the disk).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, type FieldError } from './errors.js';

export interface Config {
  /** Where PGlite keeps its files, secrets live and later capabilities keep their data. */
  readonly dataDir: string;
  /** Encrypted seized media; `undefined`: `dataDir/media`. Share it between processes on one PostgreSQL. */
  readonly mediaDir: string | undefined;
  /** Largest upload in bytes (one request, all files). */
  readonly uploadLimit: number;
  /** `undefined`: embedded PGlite in `dataDir/pglite`; otherwise a postgres:// URL. */
  readonly databaseUrl: string | undefined;
  readonly port: number;
  readonly host: string;
  /** Hex or base64 secret for session and token HMACs; generated when absent. */
  readonly sessionSecret: string | undefined;
  /** 32-byte key (hex or base64) for data encrypted at rest; generated when absent. */
  readonly encryptionKey: string | undefined;
  /** `auto`: Secure cookies unless the request is plain HTTP to a loopback address. */
  readonly secureCookies: 'auto' | 'always' | 'never';
  /** Login attempts per IP per minute. */
  readonly loginRateLimit: number;
  /** Public site and public API: sustained requests per second per address before it is slowed, then refused. */
  readonly publicRateLimit: number;
  /** Maximum request body in bytes. */
  readonly bodyLimit: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Forwarded headers trusted (behind a reverse proxy). */
  readonly trustProxy: boolean;
  /** Tor's SOCKS port (`127.0.0.1:9050`) for dark web monitoring; onion sites cannot be crawled without it. */
  readonly torSocks: { readonly host: string; readonly port: number } | undefined;
  /** Also send clear-web crawls through Tor (default: yes when a Tor proxy is set). */
  readonly torForClearWeb: boolean;
  /** Dark web alerts are POSTed here as JSON (hashes and labels only). */
  readonly alertWebhook: string | undefined;
  /** `vigil serve` also crawls queued and scheduled visits (turn off when separate workers crawl). */
  readonly darkwebWorker: boolean;
}

export interface Secrets {
  readonly sessionSecret: Buffer;
  readonly encryptionKey: Buffer;
}

export type Env = Readonly<Record<string, string | undefined>>;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Validates the environment; throws one `invalid` AppError listing every problem. */
export function loadConfig(env: Env): Config {
  const problems: FieldError[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push({ field: name, message: `must be an integer from ${min} to ${max}, got "${raw}"` });
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push({ field: name, message: `must be one of ${allowed.join(', ')}, got "${raw}"` });
      return fallback;
    }
    return raw as T;
  };
  const secret = (name: string, minBytes: number, exactBytes?: number): string | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    const bytes = decodeSecret(raw);
    if (bytes === undefined || bytes.length < minBytes || (exactBytes !== undefined && bytes.length !== exactBytes)) {
      const size = exactBytes !== undefined ? `exactly ${exactBytes}` : `at least ${minBytes}`;
      problems.push({ field: name, message: `must be hex or base64 encoding ${size} bytes` });
      return undefined;
    }
    return raw;
  };

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
    problems.push({ field: 'DATABASE_URL', message: 'must be a postgres:// or postgresql:// URL' });
  }
  const host = text('HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) problems.push({ field: 'HOST', message: `is not a host name or address: "${host}"` });

  const torText = text('VIGIL_TOR_SOCKS');
  let torSocks: Config['torSocks'];
  if (torText !== undefined) {
    const match = /^(?:socks5h?:\/\/)?([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(torText);
    const port = Number(match?.[2]);
    if (match === null || !(port > 0 && port < 65536))
      problems.push({ field: 'VIGIL_TOR_SOCKS', message: `must be host:port of Tor's SocksPort, got "${torText}"` });
    else torSocks = { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  }
  const alertWebhook = text('VIGIL_ALERT_WEBHOOK');
  if (alertWebhook !== undefined && !/^https?:\/\/\S+$/.test(alertWebhook))
    problems.push({ field: 'VIGIL_ALERT_WEBHOOK', message: 'must be an http(s) URL' });

  const config: Config = {
    dataDir: resolve(text('VIGIL_DATA_DIR') ?? './data'),
    mediaDir: text('VIGIL_MEDIA_DIR') === undefined ? undefined : resolve(text('VIGIL_MEDIA_DIR')!),
    uploadLimit: integer('VIGIL_UPLOAD_LIMIT', 2 * 1024 ** 3, 1024, 64 * 1024 ** 3),
    databaseUrl,
    port: integer('PORT', 8080, 0, 65535),
    host,
    sessionSecret: secret('VIGIL_SESSION_SECRET', 32),
    encryptionKey: secret('VIGIL_ENCRYPTION_KEY', 32, 32),
    secureCookies: oneOf('VIGIL_SECURE_COOKIES', ['auto', 'always', 'never'], 'auto'),
    loginRateLimit: integer('VIGIL_LOGIN_RATE_LIMIT', 20, 1, 1_000_000),
    publicRateLimit: integer('VIGIL_PUBLIC_RATE_LIMIT', 20, 1, 1_000_000),
    bodyLimit: integer('VIGIL_BODY_LIMIT', 1_048_576, 1024, 1_073_741_824),
    logLevel: oneOf('VIGIL_LOG_LEVEL', logLevels, 'info'),
    trustProxy: oneOf('VIGIL_TRUST_PROXY', ['true', 'false'], 'false') === 'true',
    torSocks,
    torForClearWeb: oneOf('VIGIL_TOR_CLEAR_WEB', ['true', 'false'], 'true') === 'true',
    alertWebhook,
    darkwebWorker: oneOf('VIGIL_DARKWEB_WORKER', ['true', 'false'], 'true') === 'true',
  };
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    throw new AppError('invalid', `Invalid configuration: ${lines}`, { errors: problems });
  }
  return Object.freeze(config);
}

function decodeSecret(raw: string): Buffer | undefined {
  if (/^[0-9a-fA-F]+$/.test(raw) && raw.length % 2 === 0) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) return Buffer.from(raw, 'base64');
  return undefined;
}

/**
 * Returns the secrets from the config or from `dataDir/secrets/`, creating absent ones with
 * mode 0600. Never logs them.
 */
export function resolveSecrets(config: Config): Secrets {
  const dir = join(config.dataDir, 'secrets');
  const fromFile = (name: string): Buffer => {
    const file = join(dir, name);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    }
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const bytes = decodeSecret(readFileSync(file, 'utf8').trim());
    if (bytes === undefined || bytes.length !== 32) {
      throw new AppError('invalid', `Secret file ${file} is damaged: expected 32 bytes in hex`);
    }
    return bytes;
  };
  const given = (raw: string | undefined): Buffer | undefined => (raw === undefined ? undefined : decodeSecret(raw));
  return Object.freeze({
    sessionSecret: given(config.sessionSecret) ?? fromFile('session.key'),
    encryptionKey: given(config.encryptionKey) ?? fromFile('encryption.key'),
  });
}
