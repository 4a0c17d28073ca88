/** SQL of dark web alerts: raised per site and visit, acknowledged by analysts, delivered to a webhook. */
import { sql, type Kysely, type Selectable } from 'kysely';
import { visibleTo, type Viewer } from '../platform/access/visibility.js';
import type { Database } from '../platform/database/schema.js';
import type { AlertKind, DarkwebAlertTable } from './darkweb.schema.js';

type AlertRow = Selectable<DarkwebAlertTable>;

export interface Alert {
  id: string;
  siteId: string;
  ownerAgencyId: string;
  siteName: string;
  visitId: string | null;
  kind: AlertKind;
  title: string;
  details: Record<string, unknown>;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  webhookStatus: 'pending' | 'sent' | 'failed' | null;
  webhookAttempts: number;
}

export interface AlertFilter {
  siteId?: string;
  kind?: AlertKind;
  unacknowledged?: boolean;
  limit: number;
}

export class AlertRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(alert: {
    siteId: string;
    visitId: string | null;
    kind: AlertKind;
    title: string;
    details: unknown;
    webhook: boolean;
  }): Promise<string> {
    const row = await this.db
      .insertInto('darkweb_alert')
      .values({
        site_id: alert.siteId,
        visit_id: alert.visitId,
        kind: alert.kind,
        title: alert.title,
        details: JSON.stringify(alert.details),
        webhook_status: alert.webhook ? 'pending' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The alert of this kind already raised for the visit, if any (one per visit and kind). */
  async findForVisit(visitId: string, kind: AlertKind): Promise<{ id: string; details: Record<string, unknown> } | undefined> {
    const row = await this.db
      .selectFrom('darkweb_alert')
      .select(['id', 'details'])
      .where('visit_id', '=', visitId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row === undefined ? undefined : { id: row.id, details: row.details as Record<string, unknown> };
  }

  async updateDetails(id: string, title: string, details: unknown): Promise<void> {
    await this.db
      .updateTable('darkweb_alert')
      .set({ title, details: JSON.stringify(details) })
      .where('id', '=', id)
      .execute();
  }

  async listVisible(viewer: Viewer, filter: AlertFilter): Promise<Alert[]> {
    let query = this.db
      .selectFrom('darkweb_alert')
      .innerJoin('darkweb_site', 'darkweb_site.id', 'darkweb_alert.site_id')
      .selectAll('darkweb_alert')
      .select(['darkweb_site.name as site_name', 'darkweb_site.owner_agency_id'])
      .where(visibleTo('darkweb_site', viewer));
    if (filter.siteId !== undefined) query = query.where('darkweb_alert.site_id', '=', filter.siteId);
    if (filter.kind !== undefined) query = query.where('darkweb_alert.kind', '=', filter.kind);
    if (filter.unacknowledged === true) query = query.where('darkweb_alert.acknowledged_at', 'is', null);
    const rows = await query.orderBy('darkweb_alert.created_at', 'desc').limit(filter.limit).execute();
    return rows.map((r) => toAlert(r, r.site_name, r.owner_agency_id));
  }

  async findVisible(viewer: Viewer, id: string): Promise<Alert | undefined> {
    const row = await this.db
      .selectFrom('darkweb_alert')
      .innerJoin('darkweb_site', 'darkweb_site.id', 'darkweb_alert.site_id')
      .selectAll('darkweb_alert')
      .select(['darkweb_site.name as site_name', 'darkweb_site.owner_agency_id'])
      .where('darkweb_alert.id', '=', id)
      .where(visibleTo('darkweb_site', viewer))
      .executeTakeFirst();
    return row === undefined ? undefined : toAlert(row, row.site_name, row.owner_agency_id);
  }

  async acknowledge(id: string, userId: string | null): Promise<void> {
    await this.db
      .updateTable('darkweb_alert')
      .set({ acknowledged_at: new Date(), acknowledged_by: userId })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .execute();
  }

  /** Alerts waiting for the webhook, oldest first, with their site's name. */
  async pendingDeliveries(limit: number): Promise<Alert[]> {
    const rows = await this.db
      .selectFrom('darkweb_alert')
      .innerJoin('darkweb_site', 'darkweb_site.id', 'darkweb_alert.site_id')
      .selectAll('darkweb_alert')
      .select(['darkweb_site.name as site_name', 'darkweb_site.owner_agency_id'])
      .where('darkweb_alert.webhook_status', '=', 'pending')
      .orderBy('darkweb_alert.created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => toAlert(r, r.site_name, r.owner_agency_id));
  }

  async delivered(id: string, ok: boolean, giveUp: boolean): Promise<void> {
    await this.db
      .updateTable('darkweb_alert')
      .set({ webhook_status: ok ? 'sent' : giveUp ? 'failed' : 'pending', webhook_attempts: sql`webhook_attempts + 1` })
      .where('id', '=', id)
      .execute();
  }

  /** Watched accounts of other sites with these values (a watched account appearing elsewhere). */
  async watchedElsewhere(
    siteId: string,
    accounts: readonly { kind: string; value: string }[],
  ): Promise<{ siteId: string; kind: string; value: string }[]> {
    if (accounts.length === 0) return [];
    const rows = await this.db
      .selectFrom('darkweb_account')
      .select(['site_id', 'kind', 'value'])
      .where('watched', '=', true)
      .where('site_id', '!=', siteId)
      .where('value', 'in', [...new Set(accounts.map((a) => a.value))])
      .execute();
    const wanted = new Set(accounts.map((a) => `${a.kind}\u0000${a.value}`));
    return rows.filter((r) => wanted.has(`${r.kind}\u0000${r.value}`)).map((r) => ({ siteId: r.site_id, kind: r.kind, value: r.value }));
  }
}

function toAlert(row: AlertRow, siteName: string, ownerAgencyId: string): Alert {
  return {
    id: row.id,
    siteId: row.site_id,
    ownerAgencyId,
    siteName,
    visitId: row.visit_id,
    kind: row.kind,
    title: row.title,
    details: row.details as Record<string, unknown>,
    createdAt: row.created_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    webhookStatus: row.webhook_status,
    webhookAttempts: Number(row.webhook_attempts),
  };
}
