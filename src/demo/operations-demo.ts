/**
 * The demo border operation: "Operation Liberterra (demo)", coordinated by the Spanish Border
 * Police (demo) with the other demo agencies taking part, checkpoints at air, land and sea borders
 * in four countries, and some hundreds of recorded checks over the last ten days with hits in every
 * review state. Every traveller, watchlist entry and document here is synthetic (invented names,
 * made-up numbers); the hits carry a snapshot of their made-up watchlist entry.
 */
import { createHash } from 'node:crypto';
import type { App } from '../app.js';
import type { Actor } from '../platform/access/actor.js';
import { systemActor } from '../platform/access/actor.js';
import type { Agency } from '../platform/agencies/agency.repository.js';
import type { PersonExplanation } from '../screening/person-match.js';
import type { EntryDetail } from '../screening/operations/operation.service.js';
import type { ResolvedTraveller, ScreeningAnswer } from '../screening/watchlist-index.js';

export const demoOperationName = 'Operation Liberterra (demo)';

const checkpoints = [
  { name: 'Madrid-Barajas T4 (demo)', borderType: 'air', place: 'Madrid', country: 'ESP' },
  { name: 'Port of Algeciras (demo)', borderType: 'sea', place: 'Algeciras', country: 'ESP' },
  { name: 'La Jonquera crossing (demo)', borderType: 'land', place: 'La Jonquera', country: 'ESP' },
  { name: 'Schiphol arrivals (demo)', borderType: 'air', place: 'Amsterdam', country: 'NLD' },
  { name: 'Port of Rotterdam (demo)', borderType: 'sea', place: 'Rotterdam', country: 'NLD' },
  { name: 'NAIA Terminal 1 (demo)', borderType: 'air', place: 'Manila', country: 'PHL' },
  { name: 'Port of Batangas (demo)', borderType: 'sea', place: 'Batangas', country: 'PHL' },
  { name: 'Namanga one-stop border post (demo)', borderType: 'land', place: 'Namanga', country: 'KEN' },
] as const;

/** Which demo agency checks at which checkpoint (by index above). */
const checkingAgency: readonly string[] = ['esp', 'esp', 'esp', 'nld', 'nld', 'phl', 'phl', 'ken'];

const givenNames = ['Amira', 'Jonas', 'Lucia', 'Tomas', 'Nadia', 'Karim', 'Elena', 'Samuel', 'Mei', 'Rafael', 'Ayana', 'Pavel'];
const surnames = ['Demoleva', 'Fictoria', 'Samplera', 'Invento', 'Madeupo', 'Testarov', 'Nomino', 'Placeholda', 'Exemplar', 'Synthos'];
const nationalities = ['SYR', 'AFG', 'ERI', 'NGA', 'PHL', 'VNM', 'MAR', 'UKR', 'ESP', 'NLD', 'KEN', 'IRQ'];

/** A made-up watchlist entry the demo hits point at (no such person exists). */
interface DemoEntry {
  id: string;
  name: string;
  birthDate: string;
  nationality: string;
  reason: 'wanted' | 'missing' | 'victim';
  listName: string;
}

/** A stable UUID from a label, so that the demo is the same on every run. */
function demoUuid(label: string): string {
  const h = createHash('sha256').update(`vigil-demo:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds the demo operation; `agencies` and `actors` are the demo network's, by key and username. */
export async function seedOperationsDemo(
  app: App,
  agencies: ReadonlyMap<string, Agency>,
  actors: ReadonlyMap<string, Actor>,
): Promise<void> {
  const operations = app.services.borderOperations;
  const esp = agencies.get('esp');
  const coordinator = actors.get('border');
  if (esp === undefined || coordinator === undefined) return;
  const participants = [...agencies.entries()].filter(([key]) => key !== 'esp').map(([, agency]) => agency.id);
  const today = new Date();
  const day = (offset: number): Date => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset));
  const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

  const operation = await operations.create(coordinator, {
    name: demoOperationName,
    description:
      'Synthetic demo operation against people smuggling and trafficking in human beings: checks at air, land and sea borders ' +
      'against wanted and missing persons and stolen or lost travel documents. Every traveller and entry is invented.',
    startsOn: isoDay(day(-9)),
    endsOn: isoDay(day(4)),
    status: 'active',
    visibility: 'shared',
    sharedWith: participants,
    checkpoints: checkpoints.map((c) => ({ ...c })),
  });
  const checkpointIds = checkpoints.map((c) => operation.checkpoints.find((p) => p.name === c.name)!.id);

  const entries: DemoEntry[] = [
    { name: 'Dario Fictoria', birthDate: '1979-03-14', nationality: 'ALB', reason: 'wanted', listName: 'Wanted persons (demo)' },
    { name: 'Selin Samplera', birthDate: '2007-08-02', nationality: 'TUR', reason: 'missing', listName: 'Missing persons (demo)' },
    { name: 'Grace Invento', birthDate: '2005-11-21', nationality: 'NGA', reason: 'victim', listName: 'Missing persons (demo)' },
    { name: 'Oleg Testarov', birthDate: '1971-06-30', nationality: 'MDA', reason: 'wanted', listName: 'Wanted persons (demo)' },
    { name: 'Nadia Demoleva', birthDate: '1993-01-09', nationality: 'SYR', reason: 'wanted', listName: 'Wanted persons (demo)' },
    { name: 'Kofi Madeupo', birthDate: '2009-04-17', nationality: 'GHA', reason: 'missing', listName: 'Missing persons (demo)' },
  ].map((e, i) => ({ ...e, id: demoUuid(`entry-${i}`) }) as DemoEntry);
  const personList = demoUuid('list-persons');
  const documentList = demoUuid('list-documents');
  const details = new Map<string, EntryDetail>(
    entries.map((e) => [
      e.id,
      { names: [e.name], birthDates: [e.birthDate], nationalities: [e.nationality], sex: null, reason: e.reason, listName: e.listName },
    ]),
  );

  const rand = random(20261129);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)]!;
  const system = systemActor('demo');
  const hitsToReview: { id: string; kind: 'person' | 'document' }[] = [];
  for (let offset = -9; offset <= 0; offset += 1) {
    for (let c = 0; c < checkpoints.length; c += 1) {
      const count = 3 + Math.floor(rand() * (checkpoints[c]!.borderType === 'air' ? 9 : 5));
      const answers: ScreeningAnswer[] = [];
      for (let n = 0; n < count; n += 1) {
        const roll = rand();
        const traveller: ResolvedTraveller = {
          name: `${pick(givenNames)} ${pick(surnames)}`,
          birthDate: `${1950 + Math.floor(rand() * 56)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
          nationality: pick(nationalities),
          documentNumber: `D${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
          fromMrz: rand() < 0.6,
        };
        if (roll < 0.06) {
          const entry = pick(entries);
          const score = 0.72 + Math.round(rand() * 25) / 100;
          const explanation: PersonExplanation = {
            name: { score: Math.min(1, score + 0.03), detail: 'synthetic demo explanation: name tokens paired', pairs: [] },
            birthDate: { effect: 0.05, detail: 'birth dates agree (demo)' },
          };
          answers.push({
            traveller: { ...traveller, name: entry.name, birthDate: entry.birthDate, nationality: entry.nationality },
            hits: [{ entryId: entry.id, listId: personList, score, match: true, explanation }],
            documentHits: [],
            problems: [],
            screened: true,
          });
        } else if (roll < 0.08) {
          const documentId = demoUuid(`document-${traveller.documentNumber}`);
          details.set(documentId, { listName: 'Stolen and lost documents (demo)' });
          answers.push({
            traveller,
            hits: [],
            documentHits: [
              {
                documentId,
                listId: documentList,
                number: traveller.documentNumber!,
                country: traveller.nationality!,
                documentType: 'passport',
                status: rand() < 0.5 ? 'stolen' : 'lost',
                reportedOn: isoDay(day(-400)),
              },
            ],
            problems: [],
            screened: true,
          });
        } else if (roll < 0.1) {
          answers.push({
            traveller: { name: traveller.name, fromMrz: true },
            hits: [],
            documentHits: [],
            problems: [{ field: 'mrz.birthDate', message: 'check digit does not match (demo)' }],
            screened: true,
          });
        } else answers.push({ traveller, hits: [], documentHits: [], problems: [], screened: true });
      }
      const checkedAt = new Date(day(offset).getTime() + (6 + Math.floor(rand() * 14)) * 3_600_000);
      const recorded = await operations.recordChecks(
        system,
        { operationId: operation.id, checkpointId: checkpointIds[c]!, agencyId: agencies.get(checkingAgency[c]!)!.id, checkedAt },
        answers,
        details,
      );
      for (const r of recorded) {
        for (const id of r.hitIds) if (id !== undefined) hitsToReview.push({ id, kind: 'person' });
        for (const id of r.documentHitIds) if (id !== undefined) hitsToReview.push({ id, kind: 'document' });
      }
    }
  }

  // Review most hits, leaving the newest ones pending for the review queue.
  const outcomes = [
    { decision: 'confirm', outcome: 'migrant_identified', outcomeNationality: 'SYR' },
    { decision: 'confirm', outcome: 'migrant_identified', outcomeNationality: 'AFG' },
    { decision: 'confirm', outcome: 'migrant_identified', outcomeNationality: 'ERI' },
    { decision: 'confirm', outcome: 'arrest' },
    { decision: 'confirm', outcome: 'victim_identified' },
    { decision: 'confirm', outcome: 'missing_person_found' },
    { decision: 'dismiss', note: 'Demo: a different person with the same name' },
  ] as const;
  const reviewed = hitsToReview.slice(0, Math.max(0, hitsToReview.length - 6));
  for (const [i, hit] of reviewed.entries()) {
    const review =
      hit.kind === 'document'
        ? i % 3 === 0
          ? ({ decision: 'dismiss', note: 'Demo: the holder had reported it found' } as const)
          : ({ decision: 'confirm', outcome: 'document_seized' } as const)
        : outcomes[i % outcomes.length]!;
    await operations.review(coordinator, operation.id, hit.id, { ...review });
  }
}
