/**
 * Demo watchlists for border screening: a persons list (wanted, missing, a victim and others, some
 * names in Cyrillic and Arabic script) and a list of stolen and lost travel documents, owned by the
 * demo border agency and visible to the whole network. Every name, date and number is invented:
 * no entry is a real person or a real document.
 */
import type { App } from '../app.js';
import type { Actor } from '../platform/access/actor.js';

/** DEMO ONLY: invented persons. Columns as `parseWatchlistCsv` reads them. */
export const demoPersonsCsv = [
  'id,name,aliases,birth_date,nationality,sex,document_number,document_country,reason',
  'demo-p01,Tobias Quellmann,Tobi Quellman,1979-04-23,DEU,M,C4Q7Z1X97,DEU,wanted',
  'demo-p02,Борис Ладнеев,Boris Ladneev;Borys Ladnieiev,1984-11-02,RUS,M,,,wanted',
  'demo-p03,كريم زوبيراني,Karim Zoubairani;Kareem Zubairani,1991,SYR,M,,,other',
  'demo-p04,Amara Velthuis,,2008-03-09,NLD,F,,,missing',
  'demo-p05,Maricel Dumalagan,Marisel Dumalagan,2006-07-30,PHL,F,,,victim',
  'demo-p06,Ярина Вестовська,Yaryna Vestovska,1998-01-17,UKR,F,,,missing',
  'demo-p07,Olumide Farrowsby,,1975-09-05,NGA,M,A07713342,NGA,wanted',
  'demo-p08,Henrike van der Stroom,,1969-12-24,NLD,F,,,other',
].join('\n');

/** DEMO ONLY: invented document numbers. Columns as `parseDocumentsCsv` reads them. */
export const demoDocumentsCsv = [
  'id,number,country,document_type,status,reported_on',
  'demo-d01,X00451277,NLD,passport,stolen,2025-02-11',
  'demo-d02,PAA118733,ESP,passport,lost,2025-06-03',
  'demo-d03,C7LMN04R2,D,passport,stolen,2024-12-19',
  'demo-d04,ID 5521 0098,BEL,id_card,lost,2025-09-27',
  'demo-d05,KEN0042917,KEN,passport,revoked,2025-01-08',
].join('\n');

/** Creates the demo watchlists as `owner` (a border officer of the demo border agency). */
export async function seedScreeningDemo(app: App, owner: Actor): Promise<void> {
  const { watchlists } = app.services;
  const persons = await watchlists.create(owner, {
    name: 'Demo: wanted and missing persons (synthetic)',
    kind: 'persons',
    source: 'Vigil demo: invented persons',
    description: 'Synthetic demo list: wanted and missing persons, a trafficking victim and others. No entry is a real person.',
    visibility: 'network',
  });
  await watchlists.import(owner, persons.id, Buffer.from(demoPersonsCsv), { format: 'persons-csv' });
  const documents = await watchlists.create(owner, {
    name: 'Demo: stolen and lost travel documents (synthetic)',
    kind: 'documents',
    source: 'Vigil demo: invented document numbers',
    description: 'Synthetic demo list of stolen, lost and revoked passports and ID cards. No number is a real document.',
    visibility: 'network',
  });
  await watchlists.import(owner, documents.id, Buffer.from(demoDocumentsCsv), { format: 'documents-csv' });
}
