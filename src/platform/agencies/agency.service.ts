/**
 * Agencies: the members of the network. Any member may list them (to share records with them);
 * the operator agency's admins, or the local operator at the CLI, create them.
 *
 *   await agencies.create(actor, { name: 'National Police', country: 'NLD', kind: 'police' });
 */
import type { Kysely } from 'kysely';
import { requireMember, requireRole, type Actor } from '../access/actor.js';
import { agencyKinds, type AgencyKind } from '../access/roles.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../database/schema.js';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../errors.js';
import { AgencyRepository, type Agency } from './agency.repository.js';
import { isCountryCode } from './countries.js';

export interface CreateAgencyInput {
  name: string;
  country: string;
  kind: string;
  /** Only the first agency, created at the CLI, may be the operator. */
  isOperator?: boolean;
}

export class AgencyService {
  readonly repository: AgencyRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {
    this.repository = new AgencyRepository(db);
  }

  async list(actor: Actor): Promise<Agency[]> {
    if (actor.type !== 'system') requireMember(actor);
    return this.repository.list();
  }

  async get(actor: Actor, id: string): Promise<Agency> {
    if (actor.type !== 'system') requireMember(actor);
    const agency = await this.repository.find(id);
    if (agency === undefined) throw notFound('Agency');
    return agency;
  }

  async create(actor: Actor, input: CreateAgencyInput): Promise<Agency> {
    requireRole(actor, ['admin']);
    if (actor.type !== 'system' && !actor.agencyIsOperator) throw forbidden('Only admins of the operator agency create agencies');
    const name = input.name.trim();
    const country = input.country.trim().toUpperCase();
    const problems: FieldError[] = [];
    if (name.length < 2 || name.length > 200) problems.push({ field: 'name', message: 'must be 2 to 200 characters' });
    if (!isCountryCode(country)) problems.push({ field: 'country', message: `"${input.country}" is not an ISO 3166 alpha-3 country code` });
    if (!(agencyKinds as readonly string[]).includes(input.kind)) {
      problems.push({ field: 'kind', message: `must be one of ${agencyKinds.join(', ')}` });
    }
    if (input.isOperator === true && actor.type !== 'system') problems.push({ field: 'isOperator', message: 'is set at the CLI only' });
    if (problems.length > 0) throw invalid('The agency is not valid', problems);
    if (input.isOperator === true && (await this.repository.hasOperator())) throw conflict('The network already has an operator agency');
    if (await this.repository.findByName(name)) throw conflict(`An agency named "${name}" exists`);

    return this.db.transaction().execute(async (trx) => {
      const agency = await this.repository.insert(trx, {
        name,
        country,
        kind: input.kind as AgencyKind,
        isOperator: input.isOperator ?? false,
      });
      await this.audit.record(
        actor,
        {
          action: 'agency.create',
          outcome: 'success',
          recordType: 'agency',
          recordId: agency.id,
          recordAgencyId: agency.id,
          details: { name, country, kind: agency.kind },
        },
        trx,
      );
      return agency;
    });
  }
}
