// Typed client for the persons API (src/operations/person.routes.ts): persons of interest, owned by
// an agency and shared by its choice, with the dark web accounts linked to them. The model types
// mirror src/operations/person.repository.ts and person.service.ts; dates are ISO strings.
import { request, type Visibility } from './api';

function segment(id: string): string {
  return encodeURIComponent(id);
}

interface ItemList<T> {
  items: T[];
}

/** A person is never public: agency, shared with chosen agencies, or the whole network. */
export const PERSON_VISIBILITIES = ['agency', 'shared', 'network'] as const satisfies readonly Visibility[];
export type PersonVisibility = (typeof PERSON_VISIBILITIES)[number];

export interface Person {
  id: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  visibility: PersonVisibility;
  sharedWith: string[];
  caseId: string | null;
  name: string;
  aliases: string[];
  /** YYYY-MM-DD */
  birthDate: string | null;
  /** ISO 3166-1 alpha-3 */
  nationality: string | null;
  notes: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A dark web account linked to the person, on a site the user's agency may see. */
export interface LinkedAccount {
  id: string;
  siteId: string;
  siteName: string;
  kind: string;
  value: string;
  basis: string | null;
  linkedAt: string;
}

export interface PersonDetail extends Person {
  accounts: LinkedAccount[];
}

export interface NewPerson {
  name: string;
  aliases?: string[];
  birthDate?: string | null;
  nationality?: string | null;
  notes?: string;
  caseId?: string | null;
  visibility?: PersonVisibility;
  sharedWith?: string[];
}

export type PersonChanges = Partial<NewPerson>;

/** Persons visible to the user's agency, the most recently changed first; `q` matches part of a name or alias. */
export async function listPersons(q: string | undefined, limit: number, signal?: AbortSignal): Promise<Person[]> {
  return (await request<ItemList<Person>>('GET', '/persons', { query: { q: q || undefined, limit }, signal })).items;
}

export function getPerson(id: string, signal?: AbortSignal): Promise<PersonDetail> {
  return request<PersonDetail>('GET', `/persons/${segment(id)}`, { signal });
}

export function createPerson(input: NewPerson): Promise<PersonDetail> {
  return request<PersonDetail>('POST', '/persons', { body: input });
}

export function updatePerson(id: string, changes: PersonChanges): Promise<PersonDetail> {
  return request<PersonDetail>('PATCH', `/persons/${segment(id)}`, { body: changes });
}
