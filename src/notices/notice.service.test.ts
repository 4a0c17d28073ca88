/**
 * Notices, campaigns and tips through the services on a real database: the lifecycle with its
 * review rule (four eyes, publishing agencies only), visibility across agencies (an invisible
 * notice or tip is absent, not forbidden), the public extract holding only the chosen fields,
 * red and yellow notices entering and leaving screening, expiry, and tips routed to the agency
 * that owns the notice and read back by the sender with the secret only.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertAgency, insertUser, type TestUser } from '../../test/factories.js';
import type { NoticeContent } from './notice-model.js';

const warrantContent: NoticeContent = {
  familyName: 'Varkonyi',
  forename: 'Teodor',
  originalScriptName: 'Теодор Варконьи',
  sex: 'M',
  birthDate: '1981-03-14',
  nationalities: ['HUN'],
  arrestWarrants: [
    { issuingCountry: 'AUT', charge: 'Trafficking in human beings', chargeTranslations: { fr: 'Traite des êtres humains' } },
  ],
  documents: [{ number: 'HX4410927', country: 'HUN' }],
  description: 'Invented person for tests.',
};

async function photo(): Promise<Uint8Array> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .withMetadata({ exif: { IFD0: { Copyright: 'secret-metadata' } } })
    .jpeg()
    .toBuffer();
}

describe('notices', () => {
  let t: TestApp;
  let author: TestUser;
  let colleague: TestUser;
  let publisher: TestUser;
  let outsider: TestUser;
  let investigator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const police = await insertAgency(t, { kind: 'police', country: 'AUT' });
    const ncb = await insertAgency(t, { kind: 'national_central_bureau', country: 'FRA' });
    author = await insertUser(t, { agency: police, roles: ['notice_officer'] });
    colleague = await insertUser(t, { agency: police, roles: ['notice_officer'] });
    investigator = await insertUser(t, { agency: police, roles: ['investigator'] });
    publisher = await insertUser(t, { agency: ncb, roles: ['notice_officer'] });
    outsider = await insertUser(t, { roles: ['notice_officer', 'investigator'] });
  });
  afterAll(() => t.close());

  const notices = () => t.app.services.notices;

  it('keeps a draft to its agency, refuses bad content by field, and goes through review to publication', async () => {
    const bad = notices().create(author.actor, {
      type: 'red',
      visibility: 'agency',
      content: { forename: 'X', birthDate: '1981-02-30' },
      publicFields: ['documents'],
    });
    await expect(bad).rejects.toMatchObject({
      code: 'invalid',
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'content.birthDate' }),
        expect.objectContaining({ field: 'content.arrestWarrants' }),
        expect.objectContaining({ field: 'publicFields/0' }),
      ]),
    });

    const draft = await notices().create(author.actor, {
      type: 'red',
      visibility: 'agency',
      content: warrantContent,
      publicFields: ['familyName', 'forename', 'sex', 'birthDate', 'nationalities', 'arrestWarrants'],
    });
    expect(draft).toMatchObject({ status: 'draft', publicNumber: null, allowed: { edit: true, submit: true, publish: false } });
    await expect(notices().get(outsider.actor, draft.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(notices().get(publisher.actor, draft.id)).rejects.toMatchObject({ code: 'not_found' });

    await notices().transition(author.actor, draft.id, 'submit');
    // The publishing agency now sees it for review; an ordinary outside agency still does not.
    const inReview = await notices().get(publisher.actor, draft.id);
    expect(inReview.allowed).toMatchObject({ publish: true, return: true, edit: false });
    await expect(notices().get(outsider.actor, draft.id)).rejects.toMatchObject({ code: 'not_found' });
    // The owner's own agency does not publish (not a publishing agency).
    await expect(notices().transition(colleague.actor, draft.id, 'publish')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(notices().transition(publisher.actor, draft.id, 'return')).rejects.toMatchObject({ code: 'invalid' });

    const published = await notices().transition(publisher.actor, draft.id, 'publish');
    expect(published.status).toBe('published');
    expect(published.publicNumber).toMatch(/^\d{4}\/\d{5}$/);
    expect(published.events.map((e) => e.toStatus)).toEqual(['draft', 'submitted', 'published']);
    await expect(notices().update(author.actor, draft.id, { content: warrantContent })).rejects.toMatchObject({ code: 'conflict' });

    const audit = await t.app.database.db.selectFrom('audit_event').select('action').where('record_id', '=', draft.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['notice.create', 'notice.submit', 'notice.publish', 'notice.read']));
  });

  it('never lets the officer who submitted a notice publish it, even at a publishing agency', async () => {
    const ncbOfficer = await insertUser(t, { agency: publisher.agency, roles: ['notice_officer'] });
    const own = await notices().create(ncbOfficer.actor, {
      type: 'yellow',
      visibility: 'agency',
      content: {
        familyName: 'Lindqvist',
        forename: 'Maja',
        birthDate: '2009-06-01',
        disappearance: { date: '2026-10-02', place: 'Malmö', country: 'SWE' },
      },
      publicFields: ['familyName', 'forename', 'disappearance'],
    });
    await notices().transition(ncbOfficer.actor, own.id, 'submit');
    await expect(notices().transition(ncbOfficer.actor, own.id, 'publish')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await notices().transition(publisher.actor, own.id, 'publish')).status).toBe('published');
  });

  it('publishes only the chosen fields and public photos, with metadata stripped, and red notices feed screening until cancelled', async () => {
    const draft = await notices().create(author.actor, {
      type: 'red',
      visibility: 'network',
      content: { ...warrantContent, familyName: 'Brandauer', forename: 'Konstantin', originalScriptName: 'Константин Брандауэр' },
      publicFields: ['familyName', 'forename', 'arrestWarrants'],
    });
    const publicPhoto = await notices().addPhoto(author.actor, draft.id, await photo(), { caption: 'Face', public: true });
    await notices().addPhoto(author.actor, draft.id, await photo(), { caption: 'Police only', public: false });
    await notices().transition(author.actor, draft.id, 'submit');
    const published = await notices().transition(publisher.actor, draft.id, 'publish');

    const view = await t.app.services.publicCatalogue.current();
    const extract = view.byNumber(published.publicNumber!);
    expect(extract?.content).toEqual({ familyName: 'Brandauer', forename: 'Konstantin', arrestWarrants: warrantContent.arrestWarrants });
    expect(extract?.photos.map((p) => p.id)).toEqual([publicPhoto.id]);
    expect(JSON.stringify(extract)).not.toContain('HX4410927');
    const bytes = await notices().publicPhoto(publicPhoto.id, 'image');
    expect(bytes).toBeDefined();
    const metadata = await sharp(bytes!.bytes).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif).toBeUndefined();

    const check = await t.app.services.screening.screen(investigator.actor, {
      travellers: [{ name: 'Konstantin Brandauer', birthDate: '1981-03-14' }],
    });
    expect(check.results[0]!.hits.some((h) => h.entry.names.includes('Konstantin Brandauer'))).toBe(true);

    await expect(notices().transition(author.actor, draft.id, 'cancel')).rejects.toMatchObject({ code: 'invalid' });
    await notices().transition(author.actor, draft.id, 'cancel', 'Arrested on 2026-11-20');
    expect((await t.app.services.publicCatalogue.current()).byNumber(published.publicNumber!)).toBeUndefined();
    expect(await notices().publicPhoto(publicPhoto.id, 'image')).toBeUndefined();
    const after = await t.app.services.screening.screen(investigator.actor, {
      travellers: [{ name: 'Konstantin Brandauer', birthDate: '1981-03-14' }],
    });
    expect(after.results[0]!.hits.some((h) => h.entry.names.includes('Konstantin Brandauer'))).toBe(false);
  });

  it('expires a published notice once its expiry date has passed', async () => {
    const draft = await notices().create(author.actor, {
      type: 'blue',
      visibility: 'agency',
      content: { familyName: 'Okafor', description: 'Seen near the port.' },
      publicFields: ['familyName', 'description'],
      expiresOn: '2020-01-01',
    });
    await notices().transition(author.actor, draft.id, 'submit');
    await notices().transition(publisher.actor, draft.id, 'publish');
    expect(await notices().expireDue()).toBeGreaterThanOrEqual(1);
    expect((await notices().get(author.actor, draft.id)).status).toBe('expired');
  });

  it('routes a tip to the owning agency only, and lets the sender read replies with the secret', async () => {
    const draft = await notices().create(author.actor, {
      type: 'object',
      visibility: 'agency',
      content: { title: 'A hotel towel with a blue crest', description: 'Do you recognise this crest?' },
      publicFields: ['title', 'description'],
    });
    await notices().transition(author.actor, draft.id, 'submit');
    await notices().transition(publisher.actor, draft.id, 'publish');

    const tips = t.app.services.tips;
    await expect(tips.submit({ noticeId: draft.id, body: ' ', language: 'en', photos: [] })).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      tips.submit({
        noticeId: draft.id,
        body: 'see photo',
        language: 'en',
        photos: [new TextEncoder().encode('<html>not an image</html>')],
      }),
    ).rejects.toMatchObject({ code: 'invalid', errors: [expect.objectContaining({ field: 'photos/0' })] });

    const receipt = await tips.submit({
      noticeId: draft.id,
      body: 'I saw this crest at a guest house <script>alert(1)</script>',
      language: 'fr',
      contactEmail: 'someone@example.org',
      photos: [await photo()],
    });
    expect(receipt.reference).toMatch(/^T-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const queue = await tips.list(investigator.actor, {});
    const mine = queue.find((q) => q.reference === receipt.reference);
    expect(mine).toMatchObject({ status: 'new', photoCount: 1, hasContact: true });
    expect((await tips.list(outsider.actor, {})).some((q) => q.reference === receipt.reference)).toBe(false);
    await expect(tips.get(outsider.actor, mine!.id)).rejects.toMatchObject({ code: 'not_found' });

    await tips.update(author.actor, mine!.id, { status: 'useful' });
    await tips.addNote(author.actor, mine!.id, 'Internal: check the guest house register');
    await tips.reply(author.actor, mine!.id, 'Thank you, we are looking into it.');

    expect(await tips.readAsSender(receipt.reference, 'WRONG-SECRET')).toBeUndefined();
    const sender = await tips.readAsSender(receipt.reference.toLowerCase(), receipt.secret);
    expect(sender?.messages.map((m) => m.kind)).toEqual(['tip', 'reply']);
    expect(JSON.stringify(sender)).not.toContain('Internal');
    expect(await tips.followUp(receipt.reference, receipt.secret, 'It was in March.')).toBe(true);

    // Shared with the outside agency, it becomes visible there.
    await tips.update(author.actor, mine!.id, { visibility: 'shared', sharedWith: [outsider.agency.id] });
    expect((await tips.get(outsider.actor, mine!.id)).messages.map((m) => m.kind)).toEqual(['note', 'reply', 'sender']);
    await expect(tips.reply(outsider.actor, mine!.id, 'hello')).rejects.toMatchObject({ code: 'forbidden' });

    const reads = await t.app.database.db.selectFrom('audit_event').select(['action', 'ip']).where('record_id', '=', mine!.id).execute();
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['tip.submit', 'tip.read', 'tip.update', 'tip.note', 'tip.reply']));
    expect(reads.every((r) => r.ip === null)).toBe(true);
  });

  it('groups published notices in a campaign that is public while it runs', async () => {
    const draft = await notices().create(author.actor, {
      type: 'red',
      visibility: 'agency',
      content: { ...warrantContent, familyName: 'Castellan', forename: 'Rui' },
      publicFields: ['familyName', 'forename'],
    });
    await expect(
      t.app.services.campaigns.create(author.actor, {
        slug: 'crimes-against-women',
        title: 'Wanted for crimes against women',
        noticeIds: [draft.id],
      }),
    ).rejects.toMatchObject({ code: 'invalid', errors: [expect.objectContaining({ field: 'noticeIds/0' })] });
    await notices().transition(author.actor, draft.id, 'submit');
    const published = await notices().transition(publisher.actor, draft.id, 'publish');
    const campaign = await t.app.services.campaigns.create(author.actor, {
      slug: 'crimes-against-women',
      title: 'Wanted for crimes against women',
      translations: { ar: { title: 'مطلوبون بسبب جرائم ضد النساء' } },
      noticeIds: [draft.id],
    });
    expect((await t.app.services.publicCatalogue.current()).campaign('crimes-against-women')).toBeUndefined();
    await t.app.services.campaigns.setStatus(author.actor, campaign.id, 'published');
    const view = await t.app.services.publicCatalogue.current();
    expect(view.campaign('crimes-against-women')?.notices).toEqual([published.publicNumber]);
    expect(view.byNumber(published.publicNumber!)?.campaigns).toEqual(['crimes-against-women']);
    await expect(t.app.services.campaigns.update(outsider.actor, campaign.id, { title: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
