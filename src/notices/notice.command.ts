/**
 * `vigil notice create|list|show|publish|cancel|withdraw|import|expire` and `vigil tip list`.
 * The CLI acts as the local operator: `publish` submits a draft first and then publishes it,
 * both steps recorded in the notice's history and the audit trail under the operator's name.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../platform/access/actor.js';
import { agencyIdOf, commaList } from '../platform/auth/user.command.js';
import { exitCodes, setExitCode, type CommandModule } from '../platform/cli/program.js';
import { AppError } from '../platform/errors.js';
import {
  defaultPublicFields,
  noticeStatuses,
  noticeTypes,
  validateContent,
  validatePublicFields,
  type NoticeContent,
  type NoticeStatus,
  type NoticeType,
} from './notice-model.js';
import type { NoticeDetail, NoticeService } from './notice.service.js';
import type { NoticeSummary } from './notice.repository.js';

interface CreateOptions {
  agency: string;
  type: string;
  content?: string;
  familyName?: string;
  forename?: string;
  title?: string;
  birthDate?: string;
  sex?: string;
  nationality?: string[];
  charge?: string;
  warrantCountry?: string;
  description?: string;
  publicFields?: string[];
  visibility: string;
  expires?: string;
  publish?: boolean;
}

/** One line of a `vigil notice import` file. */
interface ImportLine {
  type: string;
  content: unknown;
  publicFields?: string[];
  visibility?: string;
  expiresOn?: string;
}

export const noticeCommands: CommandModule = (program, context) => {
  const notice = program
    .command('notice')
    .description('notices and public appeals (red, yellow, blue, black, green, orange, purple, object)');

  notice
    .command('create')
    .description('write a notice as a draft (or publish it at once with --publish)')
    .requiredOption('--agency <id-or-name>', 'the owning agency')
    .requiredOption('--type <type>', noticeTypes.join(', '))
    .option('--content <file>', 'the content as JSON (fields as in the API); the flags below add to it')
    .option('--family-name <name>')
    .option('--forename <name>')
    .option('--title <text>', 'for object appeals and black or purple notices')
    .option('--birth-date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--sex <sex>', 'F, M or U')
    .option('--nationality <codes>', 'comma-separated ISO alpha-3 codes', commaList)
    .option('--charge <text>', 'the charge of an arrest warrant (red notices)')
    .option('--warrant-country <code>', 'the country that issued the warrant')
    .option('--description <text>')
    .option(
      '--public-fields <fields>',
      `comma-separated fields of the public extract (default: ${defaultPublicFields.join(',')})`,
      commaList,
    )
    .option('--visibility <visibility>', 'who sees the police record: agency, shared or network', 'agency')
    .option('--expires <date>', 'YYYY-MM-DD')
    .option('--publish', 'submit and publish at once (as the local operator)')
    .action(async (options: CreateOptions) => {
      const content = await contentFrom(options);
      const ctx = context();
      const app = await ctx.openApp();
      const actor = systemActor();
      let created = await app.services.notices.create(actor, {
        ownerAgencyId: await agencyIdOf(app, options.agency),
        type: options.type,
        visibility: options.visibility,
        content,
        publicFields: options.publicFields ?? [...defaultPublicFields],
        ...(options.expires !== undefined && { expiresOn: options.expires }),
      });
      if (options.publish === true) created = await publish(app.services.notices, created.id);
      ctx.print(created, () => `${created.status === 'published' ? 'Published' : 'Created draft'} ${describe(created)}`);
    });

  notice
    .command('list')
    .description('list notices')
    .option('--status <status>', noticeStatuses.join(', '))
    .option('--type <type>', noticeTypes.join(', '))
    .option('--search <text>', 'name or public number')
    .action(async (options: { status?: string; type?: string; search?: string }) => {
      if (options.status !== undefined && !(noticeStatuses as readonly string[]).includes(options.status)) {
        throw new AppError('invalid', `--status must be one of ${noticeStatuses.join(', ')}`);
      }
      if (options.type !== undefined && !(noticeTypes as readonly string[]).includes(options.type)) {
        throw new AppError('invalid', `--type must be one of ${noticeTypes.join(', ')}`);
      }
      const ctx = context();
      const app = await ctx.openApp();
      const items = await app.services.notices.list(systemActor(), {
        ...(options.status !== undefined && { status: options.status as NoticeStatus }),
        ...(options.type !== undefined && { type: options.type as NoticeType }),
        ...(options.search !== undefined && { q: options.search }),
      });
      ctx.print(items, () => items.map(summaryLine).join('\n') || 'No notices');
    });

  notice
    .command('show')
    .description('show one notice with its history (audited)')
    .argument('<id>', 'notice id')
    .action(async (id: string) => {
      const ctx = context();
      const app = await ctx.openApp();
      const found = await app.services.notices.get(systemActor(), id);
      ctx.print(found, () =>
        [
          describe(found),
          `  public extract: ${found.publicFields.join(', ') || '(none)'}`,
          ...found.events.map(
            (e) =>
              `  ${e.at.toISOString()}  ${e.fromStatus ?? '-'} → ${e.toStatus}  ${e.actorName ?? ''}${e.reason ? `: ${e.reason}` : ''}`,
          ),
        ].join('\n'),
      );
    });

  notice
    .command('publish')
    .description('publish a notice (a draft is submitted first)')
    .argument('<id>', 'notice id')
    .action(async (id: string) => {
      const ctx = context();
      const app = await ctx.openApp();
      const published = await publish(app.services.notices, id);
      ctx.print(published, () => `Published ${describe(published)}`);
    });

  for (const action of ['cancel', 'withdraw'] as const) {
    notice
      .command(action)
      .description(
        action === 'cancel'
          ? 'cancel a published notice (e.g. the person was arrested or found)'
          : 'withdraw a submitted or published notice',
      )
      .argument('<id>', 'notice id')
      .requiredOption('--reason <text>', 'why (kept in the history and the audit trail)')
      .action(async (id: string, options: { reason: string }) => {
        const ctx = context();
        const app = await ctx.openApp();
        const changed = await app.services.notices.transition(systemActor(), id, action, options.reason);
        ctx.print(changed, () => `${action === 'cancel' ? 'Cancelled' : 'Withdrew'} ${describe(changed)}`);
      });
  }

  notice
    .command('import')
    .description(
      'import notices from JSON lines ({"type","content","publicFields"?,"visibility"?,"expiresOn"?} per line); ' +
        'all or nothing unless --skip-invalid',
    )
    .argument('<file>', 'the JSON lines file')
    .requiredOption('--agency <id-or-name>', 'the owning agency')
    .option('--publish', 'publish every imported notice (as the local operator)')
    .option('--skip-invalid', 'import the valid lines and report the others')
    .action(async (file: string, options: { agency: string; publish?: boolean; skipInvalid?: boolean }, command: Command) => {
      const text = await readFile(file, 'utf8').catch((error: Error) => {
        throw new AppError('not_found', `Cannot read ${file}: ${error.message}`);
      });
      const { lines, errors } = parseImport(text);
      const ctx = context();
      const refused = errors.length > 0 && options.skipInvalid !== true;
      const created: NoticeDetail[] = [];
      if (!refused) {
        const app = await ctx.openApp();
        const ownerAgencyId = await agencyIdOf(app, options.agency);
        for (const line of lines) {
          let made = await app.services.notices.create(systemActor(), {
            ownerAgencyId,
            type: line.type,
            visibility: line.visibility ?? 'agency',
            content: line.content,
            publicFields: line.publicFields ?? [...defaultPublicFields],
            ...(line.expiresOn !== undefined && { expiresOn: line.expiresOn }),
          });
          if (options.publish === true) made = await publish(app.services.notices, made.id);
          created.push(made);
        }
      }
      const outcome = {
        imported: created.length,
        records: lines.length + errors.length,
        errors,
        notices: created.map((n) => ({ id: n.id, publicNumber: n.publicNumber, status: n.status })),
      };
      ctx.print(outcome, () =>
        [
          refused
            ? `Nothing imported: ${errors.length} of ${outcome.records} lines are not valid (use --skip-invalid to import the rest)`
            : `Imported ${created.length} notices${options.publish === true ? ', published' : ' as drafts'}`,
          ...errors.slice(0, 20).map((e) => `  line ${e.line}: ${e.message}`),
          ...(errors.length > 20 ? [`  … and ${errors.length - 20} more`] : []),
        ].join('\n'),
      );
      if (refused) setExitCode(command, exitCodes.invalid);
    });

  notice
    .command('expire')
    .description('expire every published notice whose expiry date has passed (servers also do this by themselves)')
    .action(async () => {
      const ctx = context();
      const app = await ctx.openApp();
      const expired = await app.services.notices.expireDue();
      ctx.print({ expired }, () => `Expired ${expired} notices`);
    });

  const tip = program.command('tip').description('tips from the public');
  tip
    .command('list')
    .description('list tips (audited)')
    .option('--status <status>', 'new, useful, not_useful or passed_on')
    .action(async (options: { status?: string }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const items = await app.services.tips.list(systemActor(), options.status === undefined ? {} : { status: options.status });
      ctx.print(
        items,
        () =>
          items
            .map(
              (t) =>
                `${t.id}  ${t.reference}  ${t.status.padEnd(10)} ${t.noticePublicNumber ?? ''}  ${t.excerpt.replace(/\s+/g, ' ').slice(0, 60)}`,
            )
            .join('\n') || 'No tips',
      );
    });
};

async function publish(notices: NoticeService, id: string): Promise<NoticeDetail> {
  const actor = systemActor();
  const current = await notices.get(actor, id);
  if (current.status === 'draft') await notices.transition(actor, id, 'submit');
  return notices.transition(actor, id, 'publish');
}

async function contentFrom(options: CreateOptions): Promise<NoticeContent> {
  let content: Record<string, unknown> = {};
  if (options.content !== undefined) {
    const text = await readFile(options.content, 'utf8').catch((error: Error) => {
      throw new AppError('not_found', `Cannot read ${options.content}: ${error.message}`);
    });
    try {
      content = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new AppError('invalid', `${options.content} is not JSON: ${(error as Error).message}`);
    }
  }
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) content[key] = value;
  };
  set('familyName', options.familyName);
  set('forename', options.forename);
  set('title', options.title);
  set('birthDate', options.birthDate);
  set('sex', options.sex);
  set('nationalities', options.nationality);
  set('description', options.description);
  if (options.charge !== undefined || options.warrantCountry !== undefined) {
    const warrants = Array.isArray(content['arrestWarrants']) ? (content['arrestWarrants'] as unknown[]) : [];
    content['arrestWarrants'] = [...warrants, { issuingCountry: options.warrantCountry ?? '', charge: options.charge ?? '' }];
  }
  return content;
}

function parseImport(text: string): { lines: ImportLine[]; errors: { line: number; message: string }[] } {
  const lines: ImportLine[] = [];
  const errors: { line: number; message: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      errors.push({ line, message: 'not valid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ line, message: 'must be a JSON object' });
      return;
    }
    const item = value as Record<string, unknown>;
    const type = item['type'];
    if (typeof type !== 'string' || !(noticeTypes as readonly string[]).includes(type)) {
      errors.push({ line, message: `type must be one of ${noticeTypes.join(', ')}` });
      return;
    }
    const publicFields = Array.isArray(item['publicFields']) ? item['publicFields'].map(String) : undefined;
    const problems = [
      ...validateContent(type as NoticeType, item['content']).problems,
      ...(publicFields ? validatePublicFields(publicFields) : []),
    ];
    if (problems.length > 0) {
      errors.push({ line, message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') });
      return;
    }
    lines.push({
      type,
      content: item['content'],
      ...(publicFields !== undefined && { publicFields }),
      ...(typeof item['visibility'] === 'string' && { visibility: item['visibility'] }),
      ...(typeof item['expiresOn'] === 'string' && { expiresOn: item['expiresOn'] }),
    });
  });
  return { lines, errors };
}

function describe(n: NoticeDetail | NoticeSummary): string {
  return `${n.type} notice ${n.publicNumber ?? '(no number yet)'} "${n.displayName}" [${n.status}] id ${n.id}`;
}

function summaryLine(n: NoticeSummary): string {
  return `${n.id}  ${n.type.padEnd(7)} ${n.status.padEnd(10)} ${(n.publicNumber ?? '').padEnd(11)} ${n.displayName}  (${n.ownerAgencyName})`;
}
