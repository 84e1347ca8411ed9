import type { Language } from '../../domain/people';
import type { DayRange } from '../../domain/reads';
import type { FigureTable } from './figures';
import { DayRangeForm, Shell, type SignedIn } from './layout';
import { words } from './words';

/** A chart drawn in the browser by Chart.js (bundled from npm): its data ride on the canvas as JSON (an attribute, escaped as any other). */
function Chart({ id, label, labels, values, kind }: { id: string; label: string; labels: string[]; values: number[]; kind: 'bar' | 'line' }) {
  return (
    <figure class="chart">
      <canvas id={id} data-chart={JSON.stringify({ kind, label, labels, values })} role="img" aria-label={label}></canvas>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/**
 * The figures: sell-out by day (charted), store, SKU and region; attendance; incentives; dunning
 * outcomes; SMS cost (charted); service KPIs. Each table exports to CSV; the report lines of the
 * range export whole, streamed.
 */
export function FiguresPage({ language, actor, range, tables }: { language: Language; actor: SignedIn; range: DayRange; tables: FigureTable[] }) {
  const t = words[language];
  const f = t.figure;
  const query = new URLSearchParams({ from: range.from, to: range.to });
  const byDay = tables.find((table) => table.id === 'sell-out-day')!;
  const cost = tables.find((table) => table.id === 'sms-cost')!;
  const costByKind = new Map<string, number>();
  for (const row of cost.rows) {
    const kind = t.messageKind[String(row[0])] ?? String(row[0]);
    costByKind.set(kind, (costByKind.get(kind) ?? 0) + Number(row[4]));
  }
  return (
    <Shell language={language} actor={actor} title={t.figures} current="figures" scripts={['/console/assets/chart.umd.min.js', '/console/assets/charts.js']}>
      <h1>{t.figures}</h1>
      <DayRangeForm action="/console/figures" range={range} language={language} />
      <p>
        <a href={`/console/figures/sell-out-lines.csv?${query}`} download>
          {f.csvLines}
        </a>
      </p>
      <div class="charts">
        <Chart
          id="chart-sell-out"
          kind="bar"
          label={f.chartSellOut}
          labels={byDay.rows.map((r) => String(r[0]).slice(5))}
          values={byDay.rows.map((r) => Number(r[2]))}
        />
        <Chart
          id="chart-sms-cost"
          kind="bar"
          label={`${f.chartSmsCost} (${f.month(cost.month!)})`}
          labels={[...costByKind.keys()]}
          values={[...costByKind.values()]}
        />
      </div>
      {tables.map((table) => (
        <section class="figure" aria-labelledby={`figure-${table.id}`}>
          <h2 id={`figure-${table.id}`}>
            {f.tables[table.id]}
            {table.month ? <span class="meta"> · {f.month(table.month)}</span> : null}
            <a class="csv" href={`/console/figures/${table.id}.csv?${query}`} download>
              {f.csv}
            </a>
          </h2>
          {table.rows.length === 0 ? (
            <p class="empty">{f.none}</p>
          ) : (
            <div class="scroll">
              <table class="grid" id={`table-${table.id}`}>
                <thead>
                  <tr>
                    {table.columns.map((c, i) => (
                      <th class={typeof table.rows[0]![i] === 'number' ? 'number' : undefined}>{f.columns[c] ?? c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row) => (
                    <tr>
                      {row.map((cell) => (
                        <td class={typeof cell === 'number' ? 'number' : undefined}>{cell ?? '–'}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </Shell>
  );
}
