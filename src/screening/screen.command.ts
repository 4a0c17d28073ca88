/**
 * `vigil screen` screens a file of travellers (CSV or JSON lines) and writes one JSON line per
 * traveller, either against list files with no database (`--watchlist`, `--documents`) or against
 * the database's watchlists within a border operation (`--operation`, recorded and audited).
 * `vigil mrz TEXT` reads an ICAO 9303 machine-readable zone.
 *
 * Output line: {"id", "line", "screened", "traveller", "hits":[{"entity_id", "list", "score", "match",
 * "explanation"}], "document_hits":[{"document_id", "list", "number", "country", "document_type",
 * "status", "reported_on"}], "problems":[{"field", "message"}]}; a row that cannot be read gives
 * {"line", "screened": false, "problems":[{"field":"row", …}]} and the rest is screened.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { once } from 'node:events';
import type { Command } from 'commander';
import { systemActor } from '../platform/access/actor.js';
import { exitCodes, setExitCode, type CommandModule } from '../platform/cli/program.js';
import { Progress } from '../platform/cli/progress.js';
import { AppError } from '../platform/errors.js';
import { parseDocumentsCsv } from './documents-format.js';
import { parseMrz, type Mrz } from './mrz.js';
import { DEFAULT_THRESHOLD } from './person-match.js';
import { readTravellers, travellerFormatOf, type TravellerRow } from './traveller-file.js';
import type { Traveller } from './traveller.js';
import { parseFtmPersons, parseWatchlistCsv } from './watchlist-formats.js';
import {
  WatchlistIndex,
  type DocumentHit,
  type ScreeningAnswer,
  type TravelDocumentEntry,
  type WatchlistEntry,
} from './watchlist-index.js';

interface ScreenOptions {
  watchlist: string[];
  documents: string[];
  input: string;
  output?: string;
  threshold: string;
  minScore?: string;
  skipInvalid?: boolean;
  operation?: string;
  checkpoint?: string;
  agency?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** One output line, snake_case as list files and scripts expect. */
function outputLine(line: number, answer: ScreeningAnswer, listName: (listId: string) => string = (listId) => listId): string {
  return JSON.stringify({
    id: answer.id ?? null,
    line,
    screened: answer.screened,
    traveller: answer.traveller,
    hits: answer.hits.map((hit) => ({
      entity_id: hit.entryId,
      list: listName(hit.listId),
      score: hit.score,
      match: hit.match,
      explanation: hit.explanation,
    })),
    document_hits: answer.documentHits.map((hit: DocumentHit) => ({
      document_id: hit.documentId,
      list: listName(hit.listId),
      number: hit.number,
      country: hit.country ?? null,
      document_type: hit.documentType,
      status: hit.status,
      reported_on: hit.reportedOn ?? null,
    })),
    problems: answer.problems,
  });
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: Error) => {
    throw new AppError('not_found', `Cannot read ${file}: ${error.message}`);
  });
}

/** Builds an index from list files; a file with errors stops the run unless `skipInvalid`. */
async function indexFromFiles(
  watchlists: readonly string[],
  documentFiles: readonly string[],
  skipInvalid: boolean,
): Promise<WatchlistIndex> {
  const persons: WatchlistEntry[] = [];
  const documents: TravelDocumentEntry[] = [];
  const problems: string[] = [];
  for (const file of watchlists) {
    const list = basename(file);
    const text = await readText(file);
    const parsed = /\.csv$/i.test(file) ? parseWatchlistCsv(text) : parseFtmPersons(text);
    problems.push(...parsed.errors.map((e) => `${list} line ${e.line}: ${e.message}`));
    for (const person of parsed.persons)
      persons.push({
        id: person.externalId,
        listId: list,
        record: person.record,
        ...(person.reason !== undefined && { reason: person.reason }),
      });
  }
  for (const file of documentFiles) {
    const list = basename(file);
    const parsed = parseDocumentsCsv(await readText(file));
    problems.push(...parsed.errors.map((e) => `${list} line ${e.line}: ${e.message}`));
    for (const document of parsed.documents) {
      const { externalId, ...rest } = document;
      documents.push({ id: externalId, listId: list, ...rest });
    }
  }
  if (problems.length > 0) {
    if (!skipInvalid)
      throw new AppError(
        'invalid',
        `The list files have ${problems.length} invalid records; nothing was screened (use --skip-invalid to screen against the rest)`,
        {
          errors: problems.slice(0, 50).map((message) => ({ field: 'list', message })),
        },
      );
    for (const problem of problems.slice(0, 20)) process.stderr.write(`skipped: ${problem}\n`);
    if (problems.length > 20) process.stderr.write(`skipped: … and ${problems.length - 20} more\n`);
  }
  return WatchlistIndex.build(persons, documents);
}

interface Tally {
  travellers: number;
  screened: number;
  withMatch: number;
  withDocumentHit: number;
  withProblems: number;
  unreadable: number;
}

function tallyOf(): Tally {
  return { travellers: 0, screened: 0, withMatch: 0, withDocumentHit: 0, withProblems: 0, unreadable: 0 };
}

function count(tally: Tally, answer: ScreeningAnswer): void {
  tally.travellers++;
  if (answer.screened) tally.screened++;
  if (answer.hits.some((hit) => hit.match)) tally.withMatch++;
  if (answer.documentHits.length > 0) tally.withDocumentHit++;
  if (answer.problems.length > 0) tally.withProblems++;
}

function unreadable(line: number, error: string): string {
  return JSON.stringify({ id: null, line, screened: false, hits: [], document_hits: [], problems: [{ field: 'row', message: error }] });
}

export const screenCommands: CommandModule = (program, context) => {
  program
    .command('screen')
    .description(
      'screen travellers (CSV or JSON lines: id, name, birth_date, nationality, sex, document_number, document_country, mrz) ' +
        'against list files (--watchlist, --documents; no database) or the database within a border operation (--operation); ' +
        'one JSON line per traveller',
    )
    .requiredOption('--input <file>', 'travellers: .csv, or .jsonl/.ndjson for JSON lines')
    .option('--watchlist <file>', 'persons: FollowTheMoney JSON lines (.jsonl) or watchlist CSV (.csv); repeatable', collect, [])
    .option('--documents <file>', 'stolen, lost or revoked documents CSV; repeatable', collect, [])
    .option('--output <file>', 'write the JSON lines here instead of standard output')
    .option('--threshold <score>', 'score at which a hit is a match', String(DEFAULT_THRESHOLD))
    .option('--min-score <score>', 'also list near misses from this score (default: the threshold)')
    .option('--skip-invalid', 'screen against the valid records of list files that have invalid ones')
    .option('--operation <id>', 'screen against the database within this border operation (checks recorded)')
    .option('--checkpoint <id>', 'the checkpoint within the operation')
    .option('--agency <id>', 'the checking agency (database mode; default: the operation owner)')
    .action(async (options: ScreenOptions, command: Command) => {
      const ctx = context();
      const threshold = Number(options.threshold);
      if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1)
        throw new AppError('invalid', '--threshold must be a number in (0, 1]');
      const minScore = options.minScore === undefined ? undefined : Number(options.minScore);
      if (minScore !== undefined && (!Number.isFinite(minScore) || minScore <= 0 || minScore > threshold))
        throw new AppError('invalid', '--min-score must be a number in (0, threshold]');
      const fileMode = options.watchlist.length > 0 || options.documents.length > 0;
      if (fileMode === (options.operation !== undefined))
        throw new AppError('invalid', 'Give list files (--watchlist, --documents) or a border operation (--operation), not both');
      const text = await readText(options.input);
      const rows = [...readTravellers(text, travellerFormatOf(options.input))];
      const out = options.output === undefined ? process.stdout : createWriteStream(options.output);
      const write = async (line: string): Promise<void> => {
        if (!out.write(line + '\n')) await once(out, 'drain');
      };
      const tally = tallyOf();
      const started = performance.now();
      const progress = new Progress('screening', rows.length);

      const writeUnreadable = async (line: number, error: string): Promise<void> => {
        tally.travellers++;
        tally.unreadable++;
        await write(unreadable(line, error));
      };

      if (fileMode) {
        const index = await indexFromFiles(options.watchlist, options.documents, options.skipInvalid === true);
        for (const row of rows) {
          if ('error' in row) await writeUnreadable(row.line, row.error);
          else {
            const answer = index.screen(row.traveller, { threshold, ...(minScore !== undefined && { minScore }) });
            count(tally, answer);
            await write(outputLine(row.line, answer));
          }
          progress.tick();
        }
      } else {
        const app = await ctx.openApp();
        // Unreadable rows travel in the chunk too, so that the output keeps the input's order.
        const chunk: TravellerRow[] = [];
        const flush = async (): Promise<void> => {
          const readable = chunk.filter((row): row is TravellerRow & { traveller: Traveller } => 'traveller' in row);
          const outcome =
            readable.length === 0
              ? { results: [] }
              : await app.services.screening.screen(systemActor(), {
                  travellers: readable.map((row) => row.traveller),
                  threshold,
                  ...(minScore !== undefined && { minScore }),
                  operationId: options.operation!,
                  ...(options.checkpoint !== undefined && { checkpointId: options.checkpoint }),
                  ...(options.agency !== undefined && { agencyId: options.agency }),
                });
          const results = outcome.results.values();
          for (const row of chunk) {
            if ('error' in row) {
              await writeUnreadable(row.line, row.error);
              continue;
            }
            const result = results.next().value!;
            count(tally, result);
            const names = new Map<string, string>([
              ...result.hits.map((h) => [h.listId, h.entry.listName] as const),
              ...result.documentHits.map((h) => [h.listId, h.listName] as const),
            ]);
            await write(outputLine(row.line, result, (listId) => names.get(listId) ?? listId));
          }
          progress.tick(chunk.length);
          chunk.length = 0;
        };
        for (const row of rows) {
          chunk.push(row);
          if (chunk.length === 1000) await flush();
        }
        await flush();
      }
      progress.finish();
      if (out !== process.stdout) {
        out.end();
        await once(out, 'finish');
      }
      const seconds = (performance.now() - started) / 1000;
      const summary = {
        ...tally,
        seconds: Math.round(seconds * 100) / 100,
        perSecond: Math.round(tally.travellers / Math.max(seconds, 0.001)),
      };
      const human =
        `${summary.travellers} travellers: ${summary.screened} screened, ${summary.withMatch} with a match, ` +
        `${summary.withDocumentHit} with a listed document, ${summary.withProblems} with problems, ${summary.unreadable} unreadable ` +
        `(${summary.seconds} s, ${summary.perSecond}/s)`;
      // The results may be on standard output: the summary goes to standard error then.
      if (options.output === undefined) process.stderr.write((ctx.json ? JSON.stringify(summary) : human) + '\n');
      else ctx.print(summary, () => human);
      if (tally.unreadable > 0) setExitCode(command, exitCodes.invalid);
    });

  program
    .command('mrz')
    .description('read an ICAO 9303 machine-readable zone (TD1, TD2, TD3): every check digit verified, names split, dates resolved')
    .argument('<text...>', 'the MRZ lines (as separate arguments, or one argument with line breaks)')
    .action((parts: string[], _options: unknown, command: Command) => {
      const ctx = context();
      const result = parseMrz(parts.join('\n'));
      if (!result.ok) {
        ctx.print({ ok: false, errors: result.errors }, () =>
          [
            'Not a valid MRZ:',
            ...result.errors.map((e) => `  ${e.field} (line ${e.line}, columns ${e.start}-${e.end}): ${e.message}`),
          ].join('\n'),
        );
        setExitCode(command, exitCodes.invalid);
        return;
      }
      ctx.print(result.mrz, () => describeMrz(result.mrz));
    });
};

function describeMrz(mrz: Mrz): string {
  const rows: [string, string][] = [
    ['Format', `${mrz.format} (${mrz.documentType}, code ${mrz.documentCode})`],
    ['Issuing state', `${mrz.issuingState.code} (${mrz.issuingState.kind})`],
    ['Surname', mrz.primaryIdentifier],
    ['Given names', mrz.secondaryIdentifiers.join(' ') + (mrz.nameTruncated ? ' (name field full: may be cut short)' : '')],
    ['Document number', mrz.documentNumber],
    ['Nationality', `${mrz.nationality.code} (${mrz.nationality.kind})`],
    ['Birth date', mrz.birthDate.iso ?? mrz.birthDate.raw],
    ['Sex', mrz.sex ?? 'unspecified'],
    ['Expiry date', (mrz.expiryDate.iso ?? mrz.expiryDate.raw) + (mrz.expired === true ? ' (expired)' : '')],
  ];
  if (mrz.personalNumber !== null) rows.push(['Personal number', mrz.personalNumber]);
  if (mrz.optionalData.length > 0) rows.push(['Optional data', mrz.optionalData]);
  return rows.map(([k, v]) => `${k.padEnd(16)} ${v}`).join('\n');
}
