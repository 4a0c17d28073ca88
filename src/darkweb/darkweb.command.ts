/**
 * `vigil onion check ADDRESS`, `vigil darkweb site add|list|show|session|keep-media`,
 * `vigil darkweb crawl SITE [--once]`, `vigil darkweb worker`, `vigil darkweb custody verify` and
 * `vigil darkweb account link|unlink ACCOUNT PERSON`.
 * The CLI acts as the local operator; a crawl started here is recorded as the operator's.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../platform/access/actor.js';
import { loadConfig } from '../platform/config.js';
import { agencyIdOf, commaList } from '../platform/auth/user.command.js';
import { personIdOf } from '../operations/person.command.js';
import { exitCodes, setExitCode, type CommandModule } from '../platform/cli/program.js';
import { AppError } from '../platform/errors.js';
import type { App } from '../app.js';
import type { CrawlProgress, VisitSummary } from './crawler.js';
import type { Site } from './site.repository.js';
import { parseOnionAddress } from './transport/onion-address.js';
import { torSelfTest } from './transport/tor-self-test.js';
import { DarkwebWorker } from './darkweb-worker.js';

interface SiteAddOptions {
  agency: string;
  name: string;
  legalBasis: string;
  seeds?: string[];
  include?: string[];
  exclude?: string[];
  depth?: string;
  maxPages?: string;
  recrawl?: string;
  concurrency?: string;
  delay?: string;
  timeout?: string;
  case?: string;
  rules?: string;
  visibility: string;
}

export const darkwebCommands: CommandModule = (program, context) => {
  program
    .command('onion')
    .description('onion addresses')
    .command('check')
    .description('validate a v3 onion address (checksum and version); with VIGIL_TOR_SOCKS, also test the Tor proxy')
    .argument('<address>', 'xxxx.onion, with or without http://')
    .action(async (address: string, _options: unknown, command: Command) => {
      const ctx = context();
      const parsed = parseOnionAddress(address);
      const result = parsed.ok
        ? { valid: true, address: parsed.address, publicKey: parsed.publicKey.toString('hex') }
        : { valid: false, reason: parsed.reason, message: parsed.message };
      // VIGIL_TOR_SOCKS as the configuration reads it (validated there, IPv6 included).
      const tor = loadConfig(ctx.env).torSocks;
      const proxy = tor === undefined ? undefined : await torSelfTest(tor);
      ctx.print({ ...result, ...(proxy !== undefined && { proxy }) }, () =>
        [
          parsed.ok ? `${parsed.address}: a valid v3 onion address` : `not a valid onion address: ${parsed.message}`,
          ...(proxy !== undefined ? [`Tor proxy: ${proxy.message}`] : []),
        ].join('\n'),
      );
      if (!parsed.ok) setExitCode(command, exitCodes.invalid);
      else if (proxy !== undefined && !proxy.ok) setExitCode(command, exitCodes.unavailable);
    });

  const darkweb = program.command('darkweb').description('dark web monitoring: sites, crawls, custody');
  const site = darkweb.command('site').description('monitored sites');

  site
    .command('add')
    .description('watch a site (an onion v3 address or a clear-web URL)')
    .argument('<address>', 'http://xxxx.onion, xxxx.onion or https://forum.example')
    .requiredOption('--agency <id-or-name>', 'the owning agency')
    .requiredOption('--name <name>', 'a name for the site')
    .requiredOption('--legal-basis <text>', 'the authorisation for watching it (warrant, order, mandate)')
    .option('--seeds <urls>', 'comma-separated start pages (default: the home page)', commaList)
    .option('--include <patterns>', 'comma-separated URL patterns to crawl (* = anything)', commaList)
    .option('--exclude <patterns>', 'comma-separated URL patterns never to crawl (e.g. *logout*)', commaList)
    .option('--depth <n>', 'links followed from the seeds')
    .option('--max-pages <n>', 'pages per visit')
    .option('--recrawl <minutes>', 'minutes between visits')
    .option('--concurrency <n>', 'requests at once')
    .option('--delay <ms>', 'milliseconds between two requests')
    .option('--timeout <ms>', 'milliseconds per request')
    .option('--case <id>', 'the case the monitoring belongs to')
    .option('--rules <file>', 'extraction rules as JSON (selectors and patterns)')
    .option('--visibility <visibility>', 'agency, shared or network', 'agency')
    .action(async (address: string, options: SiteAddOptions) => {
      const ctx = context();
      const app = await ctx.openApp();
      const num = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));
      const created = await app.services.sites.create(systemActor(), {
        ownerAgencyId: await agencyIdOf(app, options.agency),
        name: options.name,
        legalBasis: options.legalBasis,
        origin: address,
        visibility: options.visibility,
        ...(options.seeds !== undefined && { seeds: options.seeds }),
        ...(options.include !== undefined && { scopeInclude: options.include }),
        ...(options.exclude !== undefined && { scopeExclude: options.exclude }),
        ...defined({
          maxDepth: num(options.depth),
          maxPages: num(options.maxPages),
          recrawlMinutes: num(options.recrawl),
          concurrency: num(options.concurrency),
          delayMs: num(options.delay),
          timeoutMs: num(options.timeout),
        }),
        ...(options.case !== undefined && { caseId: options.case }),
        ...(options.rules !== undefined && { extractionRules: JSON.parse(await readFile(options.rules, 'utf8')) as unknown }),
      });
      ctx.print(created, () => `Watching ${describeSite(created)}`);
    });

  site
    .command('list')
    .description('list monitored sites')
    .action(async () => {
      const ctx = context();
      const app = await ctx.openApp();
      const sites = await app.services.sites.list(systemActor());
      ctx.print(sites, () => sites.map(describeSite).join('\n') || 'No sites');
    });

  site
    .command('show')
    .description('one site with its latest visits (audited)')
    .argument('<site>', 'site id or name')
    .action(async (ref: string) => {
      const ctx = context();
      const app = await ctx.openApp();
      const id = await siteIdOf(app, ref);
      const found = await app.services.sites.get(systemActor(), id);
      const visits = await app.services.darkweb.visits(systemActor(), id, 10);
      ctx.print({ ...found, visits }, () =>
        [
          describeSite(found),
          `  legal basis: ${found.legalBasis}`,
          `  seeds: ${found.seeds.join(' ')}`,
          `  depth ${found.maxDepth}, ≤ ${found.maxPages} pages, every ${found.recrawlMinutes} min, ${found.concurrency} at once, ${found.delayMs} ms apart`,
          `  session: ${found.hasSession ? 'imported' : 'none'}; media kept: ${found.keepMedia ? 'yes (encrypted)' : 'no (hashes only)'}`,
          ...visits.map(
            (v) =>
              `  ${v.queuedAt.toISOString()}  ${v.status.padEnd(9)} ${v.outcome ?? '-'}${v.failureClass ? ` (${v.failureClass})` : ''}  ${v.pagesFetched} pages, ${v.mediaSeen} media (${v.mediaKnown} known)`,
          ),
        ].join('\n'),
      );
    });

  site
    .command('session')
    .description('import session cookies for a login-walled forum (or --remove)')
    .argument('<site>', 'site id or name')
    .option('--cookie-file <file>', 'a file holding one Cookie header value (name=value; name2=value2)')
    .option('--remove', 'forget the session')
    .action(async (ref: string, options: { cookieFile?: string; remove?: boolean }) => {
      if ((options.cookieFile === undefined) === (options.remove !== true)) throw new AppError('invalid', 'Give --cookie-file or --remove');
      const ctx = context();
      const app = await ctx.openApp();
      const cookie = options.cookieFile === undefined ? null : (await readFile(options.cookieFile, 'utf8')).trim();
      const updated = await app.services.sites.setSession(systemActor(), await siteIdOf(app, ref), cookie);
      ctx.print(updated, () => `${updated.name}: session ${updated.hasSession ? 'imported' : 'removed'}`);
    });

  site
    .command('keep-media')
    .description('keep fetched media (encrypted) for victim identification, or stop keeping it (audited)')
    .argument('<site>', 'site id or name')
    .argument('<on|off>')
    .requiredOption('--reason <text>', 'why')
    .action(async (ref: string, state: string, options: { reason: string }) => {
      if (state !== 'on' && state !== 'off') throw new AppError('invalid', 'Say on or off');
      const ctx = context();
      const app = await ctx.openApp();
      const updated = await app.services.sites.setKeepMedia(systemActor(), await siteIdOf(app, ref), state === 'on', options.reason);
      ctx.print(updated, () => `${updated.name}: media ${updated.keepMedia ? 'kept (encrypted)' : 'not kept (hashes only)'}`);
    });

  darkweb
    .command('crawl')
    .description('visit a site now, resuming its open visit if there is one (Ctrl-C stops cleanly; run again to resume)')
    .argument('<site>', 'site id or name')
    .option('--once', 'one visit, then exit (the default; the worker follows the schedule)')
    .action(async (ref: string) => {
      const ctx = context();
      const app = await ctx.openApp();
      const id = await siteIdOf(app, ref);
      const { visit, created } = await app.services.darkweb.queueCrawl(systemActor(), id);
      if (!ctx.json) process.stderr.write(`${created ? 'Starting' : 'Resuming'} visit ${visit.id}\n`);
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const started = Date.now();
      try {
        const summary = await app.services.darkweb.runVisit(visit.id, { signal: stop.signal, onProgress: statusLine(started) });
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
        ctx.print(summary, () => describeSummary(summary, (Date.now() - started) / 1000));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });

  darkweb
    .command('worker')
    .description('crawl sites on their schedule, sharing the work with other workers (Ctrl-C stops cleanly)')
    .option('--poll <seconds>', 'how often to look for due sites', '10')
    .action(async (options: { poll: string }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      process.once('SIGTERM', () => stop.abort());
      const worker = new DarkwebWorker(app.services.sites.repository, app.services.darkweb, app.services.alerts, {
        pollMs: Number(options.poll) * 1000,
        log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
      });
      await worker.run(stop.signal);
    });

  darkweb
    .command('custody')
    .description('the chain of custody of captures')
    .command('verify')
    .description('walk the custody chain and check every WARC record it names')
    .option('--chain-only', 'check the hash chain only, not the WARC files')
    .action(async (options: { chainOnly?: boolean }, command: Command) => {
      const ctx = context();
      const app = await ctx.openApp();
      const result = await app.services.darkweb.verifyCustody(systemActor(), { warcs: options.chainOnly !== true });
      ctx.print(result, () =>
        result.ok
          ? `Custody intact: ${result.checked} entries${result.recordsChecked > 0 ? `, ${result.recordsChecked} WARC records match` : ''}`
          : ['Custody BROKEN', ...result.problems.slice(0, 20).map((p) => `  entry ${p.seq}: ${p.problem}`)].join('\n'),
      );
      if (!result.ok) setExitCode(command, exitCodes.chain_broken);
    });

  const account = darkweb.command('account').description('accounts seen on monitored sites');

  account
    .command('link')
    .description('link an account to a person of interest (audited; again: replaces the basis)')
    .argument('<account>', 'account id')
    .argument('<person>', 'person id or exact name')
    .option('--basis <text>', 'why the account is thought to be the person’s')
    .action(async (accountId: string, personRef: string, options: { basis?: string }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const personId = await personIdOf(app, personRef);
      await app.services.darkweb.linkPerson(systemActor(), accountId, personId, options.basis);
      ctx.print(
        { accountId, personId, linked: true, basis: options.basis?.trim() || null },
        () => `Account ${accountId} linked to person ${personId}`,
      );
    });

  account
    .command('unlink')
    .description('remove the link between an account and a person (audited)')
    .argument('<account>', 'account id')
    .argument('<person>', 'person id or exact name')
    .action(async (accountId: string, personRef: string) => {
      const ctx = context();
      const app = await ctx.openApp();
      const personId = await personIdOf(app, personRef);
      await app.services.darkweb.unlinkPerson(systemActor(), accountId, personId);
      ctx.print({ accountId, personId, linked: false }, () => `Account ${accountId} no longer linked to person ${personId}`);
    });
};

async function siteIdOf(app: App, ref: string): Promise<string> {
  const sites = await app.services.sites.list(systemActor());
  const found = sites.find((s) => s.id === ref || s.name === ref);
  if (found === undefined) throw new AppError('not_found', `No site with id or name "${ref}"; see vigil darkweb site list`);
  return found.id;
}

function describeSite(site: Site): string {
  return `${site.id}  ${site.name}  ${site.origin}  ${site.status}${site.lastState ? `, last ${site.lastState}` : ''}`;
}

function describeSummary(s: VisitSummary, seconds: number): string {
  if (s.status === 'cancelled') return `Stopped: ${s.pagesFetched} pages and ${s.mediaSeen} media recorded; run the same command to resume`;
  return `Visit ${s.visitId}: site ${s.outcome}${s.failureClass ? ` (${s.failureClass})` : ''}; ${s.pagesFetched} pages, ${s.mediaSeen} media (${s.mediaKnown} known), ${s.failed} failed, in ${seconds.toFixed(1)} s`;
}

/** A one-line status on a terminal: pages, media, failures, rate. */
function statusLine(started: number): (p: CrawlProgress) => void {
  let drawn = 0;
  return (p) => {
    if (!process.stderr.isTTY || Date.now() - drawn < 100) return;
    drawn = Date.now();
    const rate = p.pagesDone / Math.max((Date.now() - started) / 1000, 0.001);
    process.stderr.write(
      `\r\x1b[2K${p.pagesDone} pages (${rate.toFixed(1)}/s), ${p.mediaDone} media, ${p.failed} failed, ${p.inFlight} in flight`,
    );
  };
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
