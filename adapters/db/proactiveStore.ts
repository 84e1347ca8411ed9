import type { Alert, AlertCondition, AlertKind } from '../../domain/alerts';
import type { AlertStore, InvoiceReminder, InvoiceStore } from '../../domain/ports';
import { personColumns, personJoins, toPerson, type PersonRow } from './personRows';
import type { Sql } from './sql';
import { openOrderValues } from './ledgerStore';

/** What the proactive jobs read and write: open invoices to dun, and alerts with their escalation. */

export function sqlInvoiceStore(sql: Sql): InvoiceStore {
  return {
    async *openForDunning(dueBy, pageSize = 5000) {
      // Keyset pages by invoice number: each page reads on from the last number of the one before.
      for (let after = ''; ;) {
        const rows = await sql.query<PersonRow & { number: string; invoice_dealer: string | null; outstanding: number; currency: string; due_date: string }>(
          openInvoices,
          [dueBy, after, pageSize],
        );
        if (rows.length === 0) return;
        // An invoice without a recipient (its dealer has no dealer-role person) is a row with no person: it moves the page on.
        yield rows
          .filter((row) => row.id !== null)
          .map((row): InvoiceReminder => ({
            invoice: { number: row.number, dealer: row.invoice_dealer, outstanding: Number(row.outstanding), currency: row.currency, dueDate: row.due_date },
            recipient: toPerson(row),
          }));
        after = rows[rows.length - 1]!.number;
      }
    },
  };
}

// A page of open invoices, each with its own person, else every dealer-role person of its dealer (two
// joins: an OR in one join condition defeats the hash join and costs a scan of people per invoice);
// an invoice with no recipient comes as a row without a person, so that a page always moves on.
const openInvoices = `
  with open as (
    select number, dealer, person, (amount - paid_amount)::float8 as outstanding, currency, to_char(due_date, 'YYYY-MM-DD') as due_date
      from invoices where amount > paid_amount and due_date <= $1::date and number > $2 order by number limit $3),
  recipients as (
    select o.number, o.person as recipient from open o where o.person is not null
    union all
    select o.number, p.id from open o join people p on p.dealer = o.dealer and p.role = 'dealer' where o.person is null)
  select o.number, o.dealer as invoice_dealer, o.outstanding, o.currency, o.due_date, ${personColumns}
    from open o left join recipients r on r.number = o.number left join people on people.id = r.recipient ${personJoins}
   order by o.number, people.id`;

interface AlertRow {
  id: string;
  kind: AlertKind;
  subject: string;
  owner: string;
  level: number;
  holder: string;
  deadline: Date | null;
  details: Record<string, string | number>;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}
const toAlert = (row: AlertRow): Alert => ({
  id: String(row.id),
  kind: row.kind,
  subject: row.subject,
  owner: row.owner,
  level: row.level,
  holder: row.holder,
  deadline: row.deadline ? new Date(row.deadline) : null,
  details: row.details,
  raisedAt: new Date(row.raised_at),
  acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
  acknowledgedBy: row.acknowledged_by,
});
const alertColumns = 'id, kind, subject, owner, level, holder, deadline, details, raised_at, acknowledged_at, acknowledged_by';

export function sqlAlertStore(sql: Sql): AlertStore {
  const topManager = async () =>
    (await sql.query<{ id: string }>(`select id from people where role = 'manager' and manager is null order by id limit 1`))[0]?.id ?? null;
  return {
    async raise(condition: AlertCondition, at, deadline) {
      const [row] = await sql.query<AlertRow>(
        `insert into alerts (kind, subject, owner, holder, deadline, details, raised_at) values ($1, $2, $3, $3, $4, $5, $6)
         on conflict (kind, subject) where resolved_at is null do nothing returning ${alertColumns}`,
        [condition.kind, condition.subject, condition.owner, deadline, JSON.stringify(condition.details), at],
      );
      return row ? toAlert(row) : null;
    },
    async byId(id) {
      if (!/^\d{1,18}$/.test(id)) return null;
      const [row] = await sql.query<AlertRow>(`select ${alertColumns} from alerts where id = $1`, [id]);
      return row ? toAlert(row) : null;
    },
    async dueForEscalation(at) {
      const rows = await sql.query<AlertRow>(
        `select ${alertColumns} from alerts where acknowledged_at is null and resolved_at is null and deadline <= $1 order by deadline, id`,
        [at],
      );
      return rows.map(toAlert);
    },
    async escalate(alert, to, deadline) {
      const rows = await sql.query(
        `update alerts set level = coalesce($3, level), holder = coalesce($4, holder), deadline = $5
          where id = $1 and level = $2 and deadline is not null and acknowledged_at is null and resolved_at is null returning id`,
        [alert.id, alert.level, to?.level ?? null, to?.holder ?? null, deadline],
      );
      return rows.length > 0;
    },
    async acknowledge(id, by, at) {
      const rows = await sql.query(
        `update alerts set acknowledged_at = $3, acknowledged_by = $2, deadline = null
          where id = $1 and acknowledged_at is null and resolved_at is null returning id`,
        [id, by, at],
      );
      return rows.length > 0;
    },
    async resolve(id, at) {
      return (await sql.query(`update alerts set resolved_at = $2, deadline = null where id = $1 and resolved_at is null returning id`, [id, at])).length > 0;
    },
    async resolveAllBut(kind, stillTrue, at) {
      const rows = await sql.query(
        `update alerts set resolved_at = $3, deadline = null where kind = $1 and resolved_at is null and not (subject = any($2::text[])) returning id`,
        [kind, stillTrue, at],
      );
      return rows.length;
    },
    async creditOverruns(fallbackOwner) {
      const rows = await sql.query<{ code: string; owner: string | null; credit_limit: number; exposure: number }>(
        `select d.code, d.credit_limit::float8 as credit_limit,
                (d.balance + coalesce(o.value, 0))::float8 as exposure,
                (select p.manager from people p where p.dealer = d.code and p.role = 'dealer' and p.manager is not null order by p.id limit 1) as owner
           from dealers d
           -- the same open orders the credit check counts
           left join ${openOrderValues} o on o.dealer = d.code
          where d.balance + coalesce(o.value, 0) > d.credit_limit
          order by d.code`,
      );
      return rows.flatMap((row) => {
        const owner = row.owner ?? fallbackOwner;
        return owner
          ? [{ kind: 'credit-limit' as const, subject: row.code, owner, details: { creditLimit: Number(row.credit_limit), exposure: Number(row.exposure) } }]
          : [];
      });
    },
    async stockBelowSafety(owner) {
      if (!owner) return [];
      const rows = await sql.query<{ sku: string; available: number; safety_stock: number }>(
        `select p.sku, p.safety_stock, coalesce(sum(greatest(s.on_hand - s.reserved, 0)), 0)::int as available
           from products p left join stock s on s.sku = p.sku
          where p.safety_stock > 0
          group by p.sku, p.safety_stock
         having coalesce(sum(greatest(s.on_hand - s.reserved, 0)), 0) < p.safety_stock
          order by p.sku`,
      );
      return rows.map((row) => ({
        kind: 'safety-stock' as const,
        subject: row.sku,
        owner,
        details: { available: Number(row.available), safetyStock: Number(row.safety_stock) },
      }));
    },
    async lateTickets(at, targetsHours, fallbackOwner) {
      const rows = await sql.query<{ number: string; sku: string; priority: 'normal' | 'urgent'; status: string; owner: string | null }>(
        `select t.number, t.sku, t.priority, t.status,
                (select p.manager from people p where p.service_point = t.service_point and p.role = 'technician' and p.manager is not null order by p.id limit 1) as owner
           from tickets t
          where t.status in ('open', 'assigned')
            and t.created_at + make_interval(secs => (case t.priority when 'urgent' then $2::float8 else $3::float8 end) * 3600) <= $1
          order by t.created_at`,
        [at, targetsHours.urgent, targetsHours.normal],
      );
      return rows.flatMap((row) => {
        const owner = row.owner ?? fallbackOwner;
        const targetHours = targetsHours[row.priority];
        return owner
          ? [{ kind: 'ticket-late' as const, subject: row.number, owner, details: { sku: row.sku, priority: row.priority, status: row.status, targetHours } }]
          : [];
      });
    },
    async competitorUndercuts(at, share, fallbackOwner) {
      const rows = await sql.query<{
        region: string;
        brand: string;
        name: string;
        name_zh: string | null;
        model: string;
        sku: string | null;
        median: number;
        ours: number | null;
        owner: string | null;
      }>(
        `with seen as (
           select d.region, s.brand, s.model, percentile_cont(0.5) within group (order by s.price) as median
             from competitor_sightings s join stores st on st.code = s.store join dealers d on d.code = st.dealer
            where s.seen_at > $1::timestamptz - interval '7 days' and s.seen_at <= $1 and d.region is not null
            group by d.region, s.brand, s.model)
         select seen.region, seen.brand, b.name, b.name_zh, seen.model, m.sku, seen.median::float8 as median,
                coalesce(p.list_price, (select percentile_cont(0.5) within group (order by c.list_price) from products c where c.category = m.category))::float8 as ours,
                (select ps.person from person_stores ps join people pp on pp.id = ps.person and pp.role = 'supervisor'
                   join stores st on st.code = ps.store join dealers d on d.code = st.dealer
                  where d.region = seen.region order by ps.person limit 1) as owner
           from seen join competitor_models m on m.brand = seen.brand and m.model = seen.model join competitor_brands b on b.code = seen.brand
           left join products p on p.sku = m.sku
          order by seen.region, seen.brand, seen.model`,
        [at],
      );
      return rows.flatMap((row) => {
        const owner = row.owner ?? fallbackOwner;
        if (!owner || row.ours === null || !(row.median < row.ours * (1 - share))) return [];
        const under = Math.round((1 - row.median / row.ours) * 100);
        return [
          {
            kind: 'competitor-undercut' as const,
            subject: `${row.region}/${row.brand}/${row.model}`,
            owner,
            details: {
              region: row.region,
              brand: row.name,
              brandZh: row.name_zh ?? row.name,
              model: row.model,
              ours: row.sku ?? 'category',
              median: row.median,
              ourPrice: row.ours,
              under,
            },
          },
        ];
      });
    },
    async openInvoices(numbers) {
      const rows = await sql.query<{ number: string }>(`select number from invoices where number = any($1::text[]) and amount > paid_amount`, [numbers]);
      return rows.map((row) => row.number);
    },
    async openSubjects(kind) {
      return (await sql.query<{ subject: string }>(`select subject from alerts where kind = $1 and resolved_at is null`, [kind])).map((row) => row.subject);
    },
    topManager,
  };
}
