import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { sellOutLines } from '../../adapters/db/figureReads';
import type { DayRange, SellOutLine } from '../../domain/reads';
import { FiguresPage } from './figurePages';
import { figureIds, figureTable, isFigureId, type Cell } from './figures';
import type { Kit } from './kit';
import { words } from './words';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
/** The page's tables cover a year at most; the lines' export, five. */
const pageDays = 366;
const exportDays = 5 * 366;
const linesPerRead = 1000;

/**
 * The figures view, and its CSV exports: UTF-8 with a byte-order mark (so that Excel opens Chinese
 * names right), one per table, and every report line of a range, read page by page and streamed as
 * it is written: a long range never sits in memory.
 */
export function figureRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;
  const zone = runtime.config.defaultTimezone;

  /** The asked range, or the last 30 days to today; null when it is no range or longer than `maxDays`. */
  const rangeOf = (req: Request, maxDays: number): DayRange | null => {
    const today = DateTime.fromJSDate(runtime.clock.now(), { zone });
    const from = String(req.query.from ?? today.minus({ days: 29 }).toISODate());
    const to = String(req.query.to ?? today.toISODate());
    if (!isoDay.test(from) || !isoDay.test(to)) return null;
    const [start, end] = [DateTime.fromISO(from, { zone }), DateTime.fromISO(to, { zone })];
    if (!start.isValid || !end.isValid || end < start || end.diff(start, 'days').days >= maxDays) return null;
    return { from, to };
  };
  const badRange = (req: Request, res: Response) => res.status(400).type('text').send(words[languageOf(req)].figure.badRange(pageDays));

  router.get(
    '/figures',
    kit.pageFor(async (req, res, actor) => {
      const range = rangeOf(req, pageDays);
      if (!range) return badRange(req, res);
      const language = languageOf(req);
      const tables = await Promise.all(figureIds.map((id) => figureTable(runtime, id, range, language)));
      page(res, <FiguresPage language={language} actor={actor} range={range} tables={tables} />);
    }),
  );

  router.get(
    '/figures/:file',
    kit.pageFor(async (req, res) => {
      const file = String(req.params.file);
      const id = file.replace(/\.csv$/, '');
      if (!file.endsWith('.csv') || (!isFigureId(id) && id !== 'sell-out-lines')) return void res.status(404).type('text').send('no such export');
      const range = rangeOf(req, id === 'sell-out-lines' ? exportDays : pageDays);
      if (!range) return badRange(req, res);
      const language = languageOf(req);
      const f = words[language].figure;
      res.type('text/csv; charset=utf-8').attachment(`${id}_${range.from}_${range.to}.csv`);
      if (id === 'sell-out-lines') return streamLines(res, range, language);
      const table = await figureTable(runtime, id, range, language);
      const csv = stringify({ bom: true, header: true, columns: table.columns.map((c) => f.columns[c] ?? c) });
      csv.pipe(res);
      for (const row of table.rows) csv.write(row);
      csv.end();
    }),
  );

  /** Every current report line of the range, a thousand at a time after the last key written, waiting whenever the client reads slower. */
  async function streamLines(res: Response, range: DayRange, language: 'en' | 'zh') {
    const f = words[language].figure;
    const columns = ['day', 'store', 'storeName', 'region', 'sku', 'product', 'qty', 'unitPrice', 'value', 'person', 'promoter', 'awaitingReview'];
    const csv = stringify({ bom: true, header: true, columns: columns.map((c) => f.columns[c] ?? c) });
    csv.pipe(res);
    let closed = false;
    res.on('close', () => (closed = true));
    let after: SellOutLine | null = null;
    for (;;) {
      const lines = await sellOutLines(runtime.reports.sql, range, after, linesPerRead);
      for (const l of lines) {
        const row: Cell[] = [
          l.day,
          l.store,
          l.storeName,
          l.region,
          l.sku,
          language === 'zh' ? (l.productNameZh ?? l.productName) : l.productName,
          l.qty,
          l.unitPrice,
          l.value,
          l.person,
          l.personName,
          l.awaitingReview ? 1 : 0,
        ];
        if (!csv.write(row)) await once(csv, 'drain');
      }
      if (lines.length < linesPerRead || closed) break;
      after = lines[lines.length - 1]!;
    }
    csv.end();
  }
  return router;
}
