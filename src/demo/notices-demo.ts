/**
 * Demo notices and appeals: red notices of a campaign "Wanted for crimes against women", yellow
 * notices of missing young people, a black notice, a blue notice, object appeals with generated
 * pictures (abstract shapes drawn here, never real material), a draft awaiting review, and two
 * tips from the public. Every person, place and number is invented.
 */
import sharp from 'sharp';
import type { App } from '../app.js';
import type { Actor } from '../platform/access/actor.js';
import { defaultPublicFields, type NoticeContent, type NoticeType, type PublicField } from '../notices/notice-model.js';

interface DemoNotice {
  type: NoticeType;
  content: NoticeContent;
  publicFields?: readonly PublicField[];
  /** A generated picture: a face-like placeholder for persons, a pattern for objects. */
  picture?: { hue: number; shape: 'portrait' | 'pattern'; caption: string };
  campaign?: boolean;
}

/** DEMO ONLY: invented persons and objects. */
const demoNotices: readonly DemoNotice[] = [
  {
    type: 'red',
    campaign: true,
    content: {
      familyName: 'Valdrano',
      forename: 'Ettore',
      sex: 'M',
      birthDate: '1979-05-17',
      birthPlace: 'Genoa',
      birthCountry: 'ITA',
      nationalities: ['ITA'],
      languages: ['ita', 'eng'],
      heightCm: 182,
      eyes: 'Brown',
      hair: 'Black',
      distinguishingMarks: 'Scar above the left eyebrow',
      arrestWarrants: [
        {
          issuingCountry: 'ITA',
          charge: 'Attempted murder of his former partner; stalking',
          chargeTranslations: {
            fr: 'Tentative de meurtre de son ex-compagne ; harcèlement',
            es: 'Intento de asesinato de su expareja; acoso',
            ar: 'محاولة قتل شريكته السابقة؛ ملاحقة',
          },
        },
      ],
      documents: [{ number: 'YA4471920', country: 'ITA' }],
      description: 'Demo notice: an invented fugitive. He may be dangerous: do not approach him, contact the police.',
    },
    publicFields: [...defaultPublicFields, 'birthPlace', 'languages', 'heightCm', 'eyes', 'hair', 'distinguishingMarks'],
    picture: { hue: 20, shape: 'portrait', caption: 'Photo taken in 2024 (demo placeholder)' },
  },
  {
    type: 'red',
    campaign: true,
    content: {
      familyName: 'Karamanlis',
      forename: 'Stavros',
      originalScriptName: 'Σταύρος Καραμανλής',
      sex: 'M',
      birthDate: '1985-11-02',
      nationalities: ['GRC'],
      arrestWarrants: [
        {
          issuingCountry: 'GRC',
          charge: 'Trafficking of women for sexual exploitation',
          chargeTranslations: { fr: 'Traite de femmes aux fins d’exploitation sexuelle' },
        },
      ],
      description: 'Demo notice: an invented fugitive.',
    },
    picture: { hue: 200, shape: 'portrait', caption: 'Demo placeholder' },
  },
  {
    type: 'red',
    campaign: true,
    content: {
      familyName: 'Belkacemi',
      forename: 'Rachid',
      originalScriptName: 'رشيد بلقاسمي',
      sex: 'M',
      birthDate: '1990',
      nationalities: ['DZA', 'FRA'],
      arrestWarrants: [
        { issuingCountry: 'FRA', charge: 'Murder of his wife', chargeTranslations: { ar: 'قتل زوجته', es: 'Asesinato de su esposa' } },
      ],
      description: 'Demo notice: an invented fugitive.',
    },
  },
  {
    type: 'red',
    content: {
      familyName: 'Domingo Reyes',
      forename: 'Arturo',
      sex: 'M',
      birthDate: '1972-02-29',
      nationalities: ['PHL'],
      arrestWarrants: [{ issuingCountry: 'PHL', charge: 'Online sexual exploitation of children' }],
      description: 'Demo notice: an invented fugitive.',
    },
  },
  {
    type: 'yellow',
    content: {
      familyName: 'Santos',
      forename: 'Maria Liza',
      sex: 'F',
      birthDate: '2010-08-21',
      nationalities: ['PHL'],
      heightCm: 148,
      hair: 'Black, shoulder length',
      disappearance: { date: '2026-10-03', place: 'Cebu City', country: 'PHL' },
      description: 'Demo notice: an invented missing girl, possibly taken abroad.',
    },
    publicFields: [...defaultPublicFields, 'heightCm', 'hair'],
    picture: { hue: 320, shape: 'portrait', caption: 'School photo (demo placeholder)' },
  },
  {
    type: 'yellow',
    content: {
      familyName: 'Otieno',
      forename: 'Brian',
      sex: 'M',
      birthDate: '2009-04-12',
      nationalities: ['KEN'],
      disappearance: { date: '2026-09-14', place: 'Mombasa', country: 'KEN' },
      description: 'Demo notice: an invented missing boy.',
    },
  },
  {
    type: 'black',
    content: {
      title: 'Unidentified woman found near Rotterdam',
      sex: 'F',
      heightCm: 165,
      distinguishingMarks: 'A tattoo of a swallow on the right wrist',
      description: 'Demo notice: an invented case. She wore a green coat and a silver ring with a blue stone.',
    },
    publicFields: ['title', 'sex', 'heightCm', 'distinguishingMarks', 'description'],
    picture: { hue: 140, shape: 'pattern', caption: 'The ring (demo pattern)' },
  },
  {
    type: 'blue',
    content: {
      familyName: 'Ostrander',
      forename: 'Liv',
      sex: 'F',
      birthDate: '1994',
      nationalities: ['NOR'],
      description: 'Demo notice: information wanted on the whereabouts of an invented witness.',
    },
  },
  {
    type: 'object',
    content: {
      title: 'A bedspread with an orange and blue pattern',
      description: 'Do you recognise this bedspread? Where have you seen it? (Demo: a generated pattern.)',
    },
    publicFields: ['title', 'description'],
    picture: { hue: 30, shape: 'pattern', caption: 'Detail of the pattern' },
  },
  {
    type: 'object',
    content: {
      title: 'A shop sign seen through a window',
      description: 'Do you recognise this sign or the street? (Demo: a generated picture.)',
    },
    publicFields: ['title', 'description'],
    picture: { hue: 260, shape: 'pattern', caption: 'The sign' },
  },
];

/** A generated picture: soft shapes on a coloured ground (never a real image). */
async function demoPicture(hue: number, shape: 'portrait' | 'pattern'): Promise<Buffer> {
  const colour = (l: number) => `hsl(${hue}, 45%, ${l}%)`;
  const body =
    shape === 'portrait'
      ? `<rect width="300" height="380" fill="${colour(85)}"/><circle cx="150" cy="150" r="70" fill="${colour(55)}"/><rect x="60" y="240" width="180" height="160" rx="80" fill="${colour(45)}"/>`
      : `<rect width="300" height="380" fill="${colour(80)}"/>${Array.from({ length: 6 }, (_, i) => `<rect x="${i * 50}" y="0" width="25" height="380" fill="${colour(40 + i * 5)}"/>`).join('')}<circle cx="150" cy="190" r="60" fill="${colour(30)}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="380">${body}</svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/**
 * Seeds the demo notices: written by `author` (a notice officer of a publishing agency) and
 * published by `publisher` (another notice officer), so the history shows a real review.
 */
export async function seedNoticesDemo(app: App, author: Actor, publisher: Actor): Promise<void> {
  const { notices, campaigns, tips } = app.services;
  const campaignIds: string[] = [];
  let first: string | undefined;
  let objectAppeal: string | undefined;
  for (const demo of demoNotices) {
    const notice = await notices.create(author, {
      type: demo.type,
      visibility: 'network',
      content: demo.content,
      publicFields: [...(demo.publicFields ?? defaultPublicFields)],
    });
    if (demo.picture !== undefined) {
      await notices.addPhoto(author, notice.id, await demoPicture(demo.picture.hue, demo.picture.shape), {
        caption: demo.picture.caption,
        public: true,
      });
    }
    await notices.transition(author, notice.id, 'submit');
    await notices.transition(publisher, notice.id, 'publish');
    if (demo.campaign === true) campaignIds.push(notice.id);
    first ??= notice.id;
    if (demo.type === 'object') objectAppeal ??= notice.id;
  }
  const campaign = await campaigns.create(author, {
    slug: 'crimes-against-women',
    title: 'Wanted for crimes against women',
    body: 'On the International Day for the Elimination of Violence against Women, member agencies ask for your help to find these fugitives. (Demo campaign: every person is invented.)',
    translations: {
      fr: {
        title: 'Recherchés pour crimes contre les femmes',
        body: 'Les agences membres demandent votre aide pour retrouver ces fugitifs. (Campagne de démonstration : toutes les personnes sont fictives.)',
      },
      es: {
        title: 'Buscados por delitos contra las mujeres',
        body: 'Las agencias miembro piden su ayuda para encontrar a estos fugitivos. (Campaña de demostración: todas las personas son ficticias.)',
      },
      ar: {
        title: 'مطلوبون بسبب جرائم ضد النساء',
        body: 'تطلب الوكالات الأعضاء مساعدتكم في العثور على هؤلاء الفارين. (حملة تجريبية: جميع الأشخاص وهميون.)',
      },
    },
    noticeIds: campaignIds,
  });
  await campaigns.setStatus(author, campaign.id, 'published');

  // A draft awaiting review, for the console's review queue.
  const draft = await notices.create(author, {
    type: 'yellow',
    visibility: 'agency',
    content: {
      familyName: 'Navarro',
      forename: 'Joy',
      sex: 'F',
      birthDate: '2011-01-30',
      nationalities: ['PHL'],
      description: 'Demo draft: an invented missing girl.',
    },
    publicFields: [...defaultPublicFields],
  });
  await notices.transition(author, draft.id, 'submit');

  if (first !== undefined) {
    await tips.submit({
      noticeId: first,
      body: 'Demo tip: I think I saw this man at the bus station in Nice last week.',
      language: 'en',
      photos: [],
    });
  }
  if (objectAppeal !== undefined) {
    await tips.submit({
      noticeId: objectAppeal,
      body: 'Demo tip: a guest house near the harbour had bedspreads like this one in 2023.',
      language: 'fr',
      contactEmail: 'demo-sender@example.org',
      photos: [],
    });
  }
}
