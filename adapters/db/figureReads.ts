import type { DayRange, DunningOutcome, SellOutLine } from '../../domain/reads';
import type { Sql } from './sql';

/** Sold units and value per day of [from, to], every day present (none sold: zero). */
export async function sellOutByDay(sql: Sql, { from, to }: DayRange): Promise<{ day: string; units: number; value: number }[]> {
  const rows = await sql.query<{ day: string; units: number; value: number }>(
    `select to_char(d, 'YYYY-MM-DD') as day, coalesce(sum(l.qty), 0)::int as units, coalesce(sum(l.qty * l.unit_price), 0)::float8 as value
       from generate_series($1::date, $2::date, interval '1 day') as d
       left join sell_out_reports r on r.day = d::date and r.replaced_at is null
       left join sell_out_lines l on l.report = r.id
      group by d order by d`,
    [from, to],
  );
  return rows.map((r) => ({ day: r.day, units: Number(r.units), value: Number(r.value) }));
}

/**
 * The current report lines of [from, to] after a key (day, store, SKU), at most `limit`: an export
 * reads them page by page, so a year of lines never sits in memory at once.
 */
export async function sellOutLines(sql: Sql, { from, to }: DayRange, after: SellOutLine | null, limit: number): Promise<SellOutLine[]> {
  return sql.query<SellOutLine>(
    `select to_char(r.day, 'YYYY-MM-DD') as day, r.store, s.name as "storeName", coalesce(d.region, '') as region, l.sku, p.name as "productName",
            p.name_zh as "productNameZh", l.qty, l.unit_price::float8 as "unitPrice", (l.qty * l.unit_price)::float8 as value, r.person, pp.name as "personName",
            (r.flags <> '[]'::jsonb and r.accepted_at is null and r.rejected_at is null) as "awaitingReview"
       from sell_out_reports r join sell_out_lines l on l.report = r.id join stores s on s.code = r.store
       join products p on p.sku = l.sku join people pp on pp.id = r.person left join dealers d on d.code = s.dealer
      where r.replaced_at is null and r.day between $1::date and $2::date
        and ($3::date is null or (r.day, r.store, l.sku) > ($3::date, $4::text, $5::text))
      order by r.day, r.store, l.sku limit $6`,
    [from, to, after?.day ?? null, after?.store ?? null, after?.sku ?? null, limit],
  );
}

/**
 * Check-ins per promoter opened on the local days [from, to]: how many, on how many days, how many far
 * from the store; with a roster, how many came late (after the shift's start plus grace) and how many
 * were at no rostered shift.
 */
export async function attendanceByPromoter(sql: Sql, { from, to }: DayRange, zone: string) {
  return sql.query<{ person: string; name: string; checkIns: number; days: number; flagged: number; late: number; offRoster: number }>(
    `select c.person, p.name, count(*)::int as "checkIns", count(distinct (c.opened_at at time zone $3)::date)::int as days,
            count(*) filter (where c.flagged)::int as flagged, count(*) filter (where c.late_minutes > 0)::int as late,
            count(*) filter (where c.off_roster)::int as "offRoster"
       from checkins c join people p on p.id = c.person
      where (c.opened_at at time zone $3)::date between $1::date and $2::date
      group by c.person, p.name order by p.name`,
    [from, to, zone],
  );
}

/**
 * Dunning by step (days from the due date, dunning:<invoice>:<days>:<person>): the invoices whose
 * last reminder sent in [from, to) was that step, how many of them are paid since, and what they paid.
 */
export async function dunningOutcomes(sql: Sql, from: Date, to: Date): Promise<DunningOutcome[]> {
  const rows = await sql.query<DunningOutcome>(
    `with sent as (
       select split_part(o.dedupe_key, ':', 2) as invoice, split_part(o.dedupe_key, ':', 3)::int as step, coalesce(o.sent_at, o.created_at) as at
         from outbox o
        where o.kind = 'dunning' and o.dedupe_key like 'dunning:%' and o.status in ('queued', 'accepted', 'sent', 'delivered')
          and coalesce(o.sent_at, o.created_at) >= $1 and coalesce(o.sent_at, o.created_at) < $2),
     reminded as (
       select i.number, i.amount, i.paid_amount, i.paid_amount >= i.amount as paid,
              max(s.step) filter (where i.paid_amount < i.amount or s.at <= i.updated_at) as step
         from invoices i join sent s on s.invoice = i.number group by i.number)
     select step, count(*)::int as invoices, count(*) filter (where paid)::int as paid,
            coalesce(sum(amount), 0)::float8 as amount, coalesce(sum(paid_amount) filter (where paid), 0)::float8 as recovered
       from reminded where step is not null group by step order by step`,
    [from, to],
  );
  return rows.map((r) => ({ ...r, amount: Number(r.amount), recovered: Number(r.recovered) }));
}

/** Hours from filing to assignment, median, by service point, of tickets filed in [from, to). */
export async function assignHours(sql: Sql, from: Date, to: Date): Promise<Map<string, number | null>> {
  const rows = await sql.query<{ service_point: string; p50: number | null }>(
    `select service_point, percentile_cont(0.5) within group (order by extract(epoch from assigned_at - created_at) / 3600) as p50
       from tickets where service_point is not null and created_at >= $1 and created_at < $2 group by service_point`,
    [from, to],
  );
  return new Map(rows.map((r) => [r.service_point, r.p50 === null ? null : Math.round(Number(r.p50) * 100) / 100]));
}

/** Stores' or products' names by code (a product's Chinese name for Chinese, where it has one). */
export async function namesOf(sql: Sql, kind: 'store' | 'sku', language: 'en' | 'zh'): Promise<Map<string, string>> {
  const rows =
    kind === 'store'
      ? await sql.query<{ key: string; name: string }>('select code as key, name from stores')
      : await sql.query<{ key: string; name: string }>(`select sku as key, ${language === 'zh' ? 'coalesce(name_zh, name)' : 'name'} as name from products`);
  return new Map(rows.map((r) => [r.key, r.name]));
}

/** A competitor model's prices seen in a region over some days, beside what it competes with of ours. */
export interface CompetitorPrices {
  region: string | null;
  category: string | null;
  brand: string;
  model: string;
  /** our SKU it is mapped to, else null (mapped to a category) */
  sku: string | null;
  /** that SKU's list price, else the median list price of the category */
  ourPrice: number | null;
  min: number;
  median: number;
  max: number;
  sightings: number;
  latest: string;
}

/** Competitor sightings on the local days [from, to], by region (the store's dealer's) and category, each model beside our price. */
export async function competitorPrices(sql: Sql, { from, to }: DayRange, zone: string): Promise<CompetitorPrices[]> {
  return sql.query<CompetitorPrices>(
    `select d.region, coalesce(m.category, p.category) as category, b.name as brand, s.model, m.sku,
            coalesce(p.list_price, (select percentile_cont(0.5) within group (order by c.list_price) from products c where c.category = m.category))::float8 as "ourPrice",
            min(s.price)::float8 as min, (percentile_cont(0.5) within group (order by s.price))::float8 as median, max(s.price)::float8 as max,
            count(*)::int as sightings, to_char(max((s.seen_at at time zone $3)::date), 'YYYY-MM-DD') as latest
       from competitor_sightings s
       join competitor_models m on m.brand = s.brand and m.model = s.model
       join competitor_brands b on b.code = s.brand
       join stores st on st.code = s.store
       left join dealers d on d.code = st.dealer
       left join products p on p.sku = m.sku
      where (s.seen_at at time zone $3)::date between $1::date and $2::date
      group by d.region, coalesce(m.category, p.category), b.name, s.model, m.sku, p.list_price, m.category
      order by d.region nulls last, 2 nulls last, b.name, s.model`,
    [from, to, zone],
  );
}
