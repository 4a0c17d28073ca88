/**
 * `vigil person add|list|show`: persons of interest, as the local operator. Accounts are linked to
 * persons with `vigil darkweb account link ACCOUNT PERSON`.
 */
import type { App } from '../app.js';
import { systemActor } from '../platform/access/actor.js';
import { isUuid } from '../platform/agencies/agency.repository.js';
import { agencyIdOf } from '../platform/auth/user.command.js';
import type { CommandModule } from '../platform/cli/program.js';
import { AppError } from '../platform/errors.js';
import type { Person } from './person.repository.js';
import type { PersonDetail } from './person.service.js';

interface PersonAddOptions {
  agency: string;
  name: string;
  alias: string[];
  born?: string;
  nationality?: string;
  case?: string;
  notes?: string;
  visibility: string;
  share?: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const personCommands: CommandModule = (program, context) => {
  const person = program.command('person').description('persons of interest');

  person
    .command('add')
    .description('record a person of interest')
    .requiredOption('--agency <id-or-name>', 'the owning agency')
    .requiredOption('--name <name>', 'the name the person is known by')
    .option('--alias <alias>', 'another name (repeat for more)', collect, [])
    .option('--born <YYYY-MM-DD>', 'date of birth')
    .option('--nationality <code>', 'ISO 3166-1 alpha-3, such as NLD')
    .option('--case <id>', 'the case the person belongs to')
    .option('--notes <text>', 'notes for the unit')
    .option('--visibility <visibility>', 'agency, shared or network', 'agency')
    .option('--share <agency>', 'an agency to share with (repeat for more; with --visibility shared)', collect, [])
    .action(async (options: PersonAddOptions) => {
      const ctx = context();
      const app = await ctx.openApp();
      const sharedWith = await Promise.all((options.share ?? []).map((agency) => agencyIdOf(app, agency)));
      const created = await app.services.persons.create(systemActor(), {
        ownerAgencyId: await agencyIdOf(app, options.agency),
        name: options.name,
        aliases: options.alias,
        visibility: options.visibility,
        sharedWith,
        ...(options.born !== undefined && { birthDate: options.born }),
        ...(options.nationality !== undefined && { nationality: options.nationality }),
        ...(options.case !== undefined && { caseId: options.case }),
        ...(options.notes !== undefined && { notes: options.notes }),
      });
      ctx.print(created, () => `Recorded ${describePerson(created)}`);
    });

  person
    .command('list')
    .description('list persons, the most recently changed first (audited)')
    .option('--q <text>', 'part of a name or alias')
    .option('--limit <n>', 'at most this many', '200')
    .action(async (options: { q?: string; limit: string }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const persons = await app.services.persons.list(systemActor(), {
        ...(options.q !== undefined && { q: options.q }),
        limit: Number(options.limit),
      });
      ctx.print(persons, () => persons.map(describePerson).join('\n') || 'No persons');
    });

  person
    .command('show')
    .description('one person with the linked dark web accounts (audited)')
    .argument('<person>', 'person id or exact name')
    .action(async (ref: string) => {
      const ctx = context();
      const app = await ctx.openApp();
      const found = await app.services.persons.get(systemActor(), await personIdOf(app, ref));
      ctx.print(found, () => showPerson(found));
    });
};

/** Accepts a person id, or a name (or alias) that names exactly one person. */
export async function personIdOf(app: App, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  const wanted = ref.trim().toLowerCase();
  const matches = (await app.services.persons.list(systemActor(), { q: ref, limit: 1000 })).filter(
    (p) => p.name.toLowerCase() === wanted || p.aliases.some((a) => a.toLowerCase() === wanted),
  );
  if (matches.length === 0) throw new AppError('not_found', `No person with id or name "${ref}"; see vigil person list`);
  if (matches.length > 1)
    throw new AppError('conflict', `${matches.length} persons are named "${ref}"; give the id (${matches.map((p) => p.id).join(', ')})`);
  return matches[0]!.id;
}

function describePerson(p: Person): string {
  const facts = [p.birthDate && `born ${p.birthDate}`, p.nationality].filter(Boolean).join(', ');
  return `${p.id}  ${p.name}${p.aliases.length > 0 ? ` (${p.aliases.join(', ')})` : ''}${facts ? `  ${facts}` : ''}  ${p.ownerAgencyName}, ${p.visibility}`;
}

function showPerson(p: PersonDetail): string {
  return [
    describePerson(p),
    ...(p.caseId !== null ? [`  case: ${p.caseId}`] : []),
    ...(p.notes !== '' ? [`  notes: ${p.notes}`] : []),
    p.accounts.length === 0 ? '  no linked accounts' : '  linked accounts:',
    ...p.accounts.map((a) => `    ${a.kind} ${a.value} on ${a.siteName}${a.basis ? ` (${a.basis})` : ''}  ${a.id}`),
  ].join('\n');
}
