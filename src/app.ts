/**
 * createApp(config): the one place that wires the database and the services together. The HTTP
 * server, the CLI and the tests all start from here.
 *
 *   const app = await createApp(loadConfig(process.env));
 *   await app.services.cases.list(actor);
 *   await app.close();
 */
import { openDatabase, type DatabaseHandle } from './platform/database/database.js';
import { migrateToLatest } from './platform/database/migrate.js';
import { resolveSecrets, type Config, type Secrets } from './platform/config.js';
import { AuditService } from './platform/audit/audit.service.js';
import { AgencyService } from './platform/agencies/agency.service.js';
import { UserService } from './platform/auth/user.service.js';
import { TokenService } from './platform/auth/token.service.js';
import { AuthService } from './platform/auth/auth.service.js';
import { CaseService } from './operations/case.service.js';
import { PersonService } from './operations/person.service.js';
import { BorderOperationService } from './screening/operations/operation.service.js';
import { join } from 'node:path';
import { HashSetService } from './media/hashsets/hashset.service.js';
import { HashSetRepository } from './media/hashsets/hashset.repository.js';
import { IngestService } from './media/ingest/ingest.service.js';
import { MatchService, PdqIndexHolder } from './media/match.service.js';
import { MediaRepository } from './media/media.repository.js';
import { MediaService } from './media/media.service.js';
import { MediaStore } from './media/media-store.js';
import { ScreeningIndexHolder, ScreeningService } from './screening/screening.service.js';
import { WatchlistRepository } from './screening/watchlists/watchlist.repository.js';
import { WatchlistService } from './screening/watchlists/watchlist.service.js';
import { CampaignService } from './notices/campaign.service.js';
import { NoticeService } from './notices/notice.service.js';
import { PublicCatalogue } from './notices/public/public-catalogue.js';
import { TipService } from './notices/tips/tip.service.js';
import { AlertRepository } from './darkweb/alert.repository.js';
import { AlertService } from './darkweb/alert.service.js';
import { CaptureRepository } from './darkweb/capture.repository.js';
import { CrawlRepository } from './darkweb/crawl.repository.js';
import { Crawler, type Fetcher } from './darkweb/crawler.js';
import { DarkwebService } from './darkweb/darkweb.service.js';
import { SiteService } from './darkweb/site.service.js';

export interface Services {
  audit: AuditService;
  agencies: AgencyService;
  users: UserService;
  tokens: TokenService;
  auth: AuthService;
  cases: CaseService;
  persons: PersonService;
  borderOperations: BorderOperationService;
  hashSets: HashSetService;
  matcher: MatchService;
  media: MediaService;
  ingest: IngestService;
  watchlists: WatchlistService;
  screening: ScreeningService;
  notices: NoticeService;
  campaigns: CampaignService;
  tips: TipService;
  /** What the public pages and the public API read: published notices, in memory. */
  publicCatalogue: PublicCatalogue;
  sites: SiteService;
  darkweb: DarkwebService;
  alerts: AlertService;
}

export interface App {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly services: Services;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Use this database instead of opening one from the config (tests). */
  database?: DatabaseHandle;
  secrets?: Secrets;
  /** The clock for session rules (tests). */
  clock?: () => Date;
  /** Apply migrations on start (default true). */
  migrate?: boolean;
  /** The crawler's network port (tests: a fetcher through the fake Tor). */
  fetcher?: Fetcher;
  /** Where dark web alerts are POSTed (tests). */
  postWebhook?: (url: string, body: string) => Promise<boolean>;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const secrets = options.secrets ?? resolveSecrets(config);
  const database = options.database ?? (await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }));
  try {
    if (options.migrate !== false) await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { db } = database;
  const audit = new AuditService(db);
  const cases = new CaseService(db, audit);
  const persons = new PersonService(db, audit);
  const pdqIndex = new PdqIndexHolder(new HashSetRepository(db));
  const matcher = new MatchService(new HashSetRepository(db), pdqIndex, audit);
  const screeningIndex = new ScreeningIndexHolder(new WatchlistRepository(db));
  const notices = new NoticeService(db, audit, screeningIndex, options.clock);
  const campaigns = new CampaignService(db, audit);
  const publicCatalogue = new PublicCatalogue(notices, options.clock);
  notices.onPublicChange(publicCatalogue);
  campaigns.onPublicChange(publicCatalogue);
  const store = new MediaStore(config.mediaDir ?? join(config.dataDir, 'media'), secrets.encryptionKey);
  const media = new MediaService(new MediaRepository(db), store, audit);
  const sites = new SiteService(db, audit, secrets.encryptionKey);
  const crawlRepository = new CrawlRepository(db);
  const alerts = new AlertService(new AlertRepository(db), crawlRepository, audit, {
    url: config.alertWebhook,
    ...(options.postWebhook !== undefined && { post: options.postWebhook }),
  });
  const warcDir = join(config.dataDir, 'darkweb', 'warc');
  const crawler = new Crawler({
    sites: sites.repository,
    crawl: crawlRepository,
    matcher,
    listener: alerts,
    warcDir,
    mediaStore: store,
    ...(config.torSocks !== undefined && { torProxy: config.torSocks }),
    torForClearWeb: config.torForClearWeb,
    ...(options.fetcher !== undefined && { fetcher: options.fetcher }),
  });
  const services: Services = {
    audit,
    agencies: new AgencyService(db, audit),
    users: new UserService(db, audit),
    tokens: new TokenService(db, audit, secrets.sessionSecret),
    auth: new AuthService(db, audit, secrets, options.clock),
    cases,
    persons,
    borderOperations: new BorderOperationService(db, audit),
    hashSets: new HashSetService(db, audit, pdqIndex),
    matcher,
    media,
    ingest: new IngestService(db, cases, matcher, store, audit),
    watchlists: new WatchlistService(db, audit, screeningIndex),
    screening: new ScreeningService(new WatchlistRepository(db), screeningIndex, audit, () => services.borderOperations),
    notices,
    campaigns,
    tips: new TipService(db, audit),
    publicCatalogue,
    sites,
    darkweb: new DarkwebService(sites, crawlRepository, new CaptureRepository(db), crawler, audit, warcDir, media, persons),
    alerts,
  };
  return { config, database, services, close: () => database.close() };
}
