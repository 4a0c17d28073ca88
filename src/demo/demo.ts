/**
 * The demo network: synthetic agencies, one user for each role and a few case files with every
 * visibility. Seeded once into an empty database; running the demo again reuses the data.
 * Every password and the admin's second-factor secret here are public demo values.
 */
import type { App } from '../app.js';
import type { Actor } from '../platform/access/actor.js';
import { systemActor } from '../platform/access/actor.js';
import type { Role } from '../platform/access/roles.js';
import type { Agency } from '../platform/agencies/agency.repository.js';
import { seal } from '../platform/auth/secrets.js';
import { totpCode, totpStep } from '../platform/auth/totp.js';
import type { Secrets } from '../platform/config.js';
import { seedScreeningDemo } from './screening-demo.js';
import { seedOperationsDemo } from './operations-demo.js';
import { seedNoticesDemo } from './notices-demo.js';

/** DEMO ONLY: the password of every demo user. */
export const demoPassword = 'demo-only-password';
/** DEMO ONLY: the admin's authenticator secret (base32). */
export const demoTotpSecret = 'VIGILDEMOVIGILDEMOVIGILDEMOVIGIL';

const agencies = [
  { key: 'secretariat', name: 'Vigil Network Secretariat (demo)', country: 'FRA', kind: 'other', isOperator: true },
  { key: 'nld', name: 'Netherlands National Police (demo)', country: 'NLD', kind: 'police' },
  { key: 'phl', name: 'NCB Manila (demo)', country: 'PHL', kind: 'national_central_bureau' },
  { key: 'ken', name: 'Kenya Child Helpline (demo)', country: 'KEN', kind: 'hotline' },
  { key: 'esp', name: 'Spanish Border Police (demo)', country: 'ESP', kind: 'border_agency' },
] as const;

type AgencyKey = (typeof agencies)[number]['key'];

export const demoUsers: readonly { username: string; displayName: string; agency: AgencyKey; roles: Role[] }[] = [
  { username: 'admin', displayName: 'Ada Admin', agency: 'secretariat', roles: ['admin'] },
  { username: 'auditor', displayName: 'Aurelio Auditor', agency: 'secretariat', roles: ['auditor'] },
  { username: 'analyst', displayName: 'Anneke Analyst', agency: 'nld', roles: ['analyst'] },
  { username: 'investigator', displayName: 'Isabel Investigator', agency: 'phl', roles: ['investigator'] },
  { username: 'notices', displayName: 'Noel Notice-Officer', agency: 'phl', roles: ['notice_officer'] },
  { username: 'publisher', displayName: 'Petra Publisher', agency: 'secretariat', roles: ['notice_officer'] },
  { username: 'border', displayName: 'Bruno Border-Officer', agency: 'esp', roles: ['border_officer'] },
  { username: 'hotline', displayName: 'Wanjiru Hotline-Analyst', agency: 'ken', roles: ['analyst'] },
];

export interface DemoSeedResult {
  seeded: boolean;
}

/** Seeds the demo network unless the database already holds agencies. */
export async function seedDemo(app: App, secrets: Secrets): Promise<DemoSeedResult> {
  const { services, database } = app;
  const existing = await services.agencies.list(systemActor('demo'));
  if (existing.length > 0) return { seeded: false };
  const system = systemActor('demo');
  const byKey = new Map<AgencyKey, Agency>();
  for (const a of agencies) {
    byKey.set(
      a.key,
      await services.agencies.create(system, { name: a.name, country: a.country, kind: a.kind, isOperator: 'isOperator' in a }),
    );
  }
  const actors = new Map<string, Actor>();
  for (const u of demoUsers) {
    const agency = byKey.get(u.agency)!;
    const { user } = await services.users.create(system, {
      username: u.username,
      displayName: u.displayName,
      agencyId: agency.id,
      roles: u.roles,
      password: demoPassword,
      demo: true,
    });
    actors.set(u.username, {
      type: 'user',
      id: user.id,
      name: user.username,
      agencyId: agency.id,
      agencyIsOperator: agency.isOperator,
      roles: u.roles,
      ip: null,
      requestId: null,
    });
  }
  await database.db
    .updateTable('user_account')
    .set({ totp_secret_enc: seal(secrets.encryptionKey, demoTotpSecret), totp_enabled_at: new Date() })
    .where('username', '=', 'admin')
    .execute();

  const phl = byKey.get('phl')!.id;
  const cases = [
    {
      by: 'analyst',
      title: 'Demo: unidentified series "Harbour Lights"',
      summary: 'Synthetic demo case: a series with new, unidentified victims. Shared with the whole network for victim identification.',
      visibility: 'network',
    },
    {
      by: 'analyst',
      title: 'Demo: internal tasking, week 48',
      summary: 'Synthetic demo case visible to the Netherlands National Police only.',
      visibility: 'agency',
    },
    {
      by: 'analyst',
      title: 'Demo: joint investigation with NCB Manila',
      summary: 'Synthetic demo case shared with NCB Manila only.',
      visibility: 'shared',
      sharedWith: [phl],
    },
    {
      by: 'investigator',
      title: 'Demo: smuggling route leads',
      summary: 'Synthetic demo case visible to NCB Manila only.',
      visibility: 'agency',
    },
    { by: 'investigator', title: 'Demo: public appeal preparation', summary: 'Synthetic demo case marked public.', visibility: 'public' },
    {
      by: 'hotline',
      title: 'Demo: hotline reports batch 12',
      summary: 'Synthetic demo case visible to the Kenya Child Helpline only.',
      visibility: 'agency',
    },
  ] as const;
  for (const c of cases) {
    await services.cases.create(actors.get(c.by)!, {
      title: c.title,
      summary: c.summary,
      visibility: c.visibility,
      ...('sharedWith' in c && { sharedWith: [...c.sharedWith] }),
    });
  }
  await seedScreeningDemo(app, actors.get('border')!);
  await seedOperationsDemo(app, byKey, actors);
  await seedNoticesDemo(app, actors.get('notices')!, actors.get('publisher')!);
  return { seeded: true };
}

/** The current code of the demo admin's authenticator. */
export function demoTotpCode(at = new Date()): string {
  return totpCode(demoTotpSecret, totpStep(at));
}

/** The text printed when the demo starts. */
export function demoBanner(url: string, databaseDescription: string): string {
  const rows = demoUsers.map((u) => {
    const agency = agencies.find((a) => a.key === u.agency)!;
    return `  ${u.username.padEnd(13)} ${u.roles.join(', ').padEnd(15)} ${agency.name}`;
  });
  return [
    '',
    `Vigil demo is running on ${url}`,
    `Database: ${databaseDescription}`,
    '',
    'Demo logins (DEMO ONLY: synthetic data, public passwords; never use in production):',
    `  password for every demo user: ${demoPassword}`,
    ...rows,
    '',
    `  The admin signs in with a second factor. Authenticator secret (DEMO ONLY): ${demoTotpSecret}`,
    '  or print the current code with: npx vigil demo totp',
    '',
    `Public appeals site: ${url}/en/notices    API docs: ${url}/api/docs`,
    'Stop with Ctrl+C; npm start again reuses the data.',
    '',
  ].join('\n');
}
