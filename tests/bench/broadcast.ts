import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { adminApi, startTestGateway } from '../support/gateway';
import { checkRequest, previewBroadcast } from '../../domain/broadcasts';
import { commandOptions } from '../../gateway/runtime';

/**
 * `npm run bench` (broadcast part, issue 19): a broadcast to 100,000 promoters — the preview (the
 * audience's query, each recipient's channel and window, segments and cost, the frozen recipient
 * list written) and the planning (one outbox row each), through the API, against baselines in the
 * same run: reading those people bare, and a bare insert of as many outbox rows. Asserts that each
 * recipient was planned exactly once. Results: tests/bench/broadcast-results.md.
 */
const out = join(__dirname, 'broadcast-results.md');
const recipients = 100_000;

async function main(): Promise<void> {
  const gateway = await startTestGateway({ workers: false, env: { SEND_WINDOWS: '09:00-20:00,broadcast=10:00-19:00' } });
  try {
    const { sql } = gateway.runtime;
    await sql.query(
      `insert into people (id, name, role, phone, language, timezone, dealer)
       select 'bp' || n, 'Promoter ' || n, 'promoter', '+86135' || lpad(n::text, 8, '0'), case when n % 3 = 0 then 'en' else 'zh' end,
              case when n % 10 = 0 then 'Asia/Hong_Kong' else null end, 'D1'
         from generate_series(1, $1) n`,
      [recipients],
    );
    await sql.query('analyze people');
    const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
      const started = performance.now();
      const value = await work();
      return [value, performance.now() - started];
    };
    const [, bareRead] = await timed(() => sql.query(`select id, name, language, timezone, phone, telegram_id from people where role = 'promoter'`));
    const body = {
      texts: {
        en: 'New promotion: A100 at ¥299 until Sunday. Reply STOP to opt out.',
        zh: '新促销：A100 电饭煲周日前特价 299 元，欢迎到店选购。回复 TD 退订。',
      },
      audience: { roles: ['promoter'] },
    };
    const [preview, previewMs] = await timed(() => adminApi(gateway, 'POST', '/api/v1/broadcasts', body));
    if (preview.status !== 201) throw new Error(`preview: ${preview.status} ${JSON.stringify(preview.json)}`);
    const [confirm, planMs] = await timed(() => adminApi(gateway, 'POST', `/api/v1/broadcasts/${preview.json.id}/confirm`, {}));
    if (confirm.status !== 200) throw new Error(`confirm: ${confirm.status} ${JSON.stringify(confirm.json)}`);
    const [[check]] = await Promise.all([
      sql.query<{ rows: number; people: number }>(`select count(*)::int as rows, count(distinct person)::int as people from outbox where reason = $1`, [
        `broadcast:${preview.json.id}`,
      ]),
    ]);
    const again = await adminApi(gateway, 'POST', `/api/v1/broadcasts/${preview.json.id}/confirm`, {});
    const [, bareInsert] = await timed(() =>
      sql.query(
        `insert into outbox (channel, transport, recipient, body, person, kind, segments, encoding, not_before, dedupe_key)
         select 'sms', 'twilio', phone, 'x', id, 'broadcast', 1, 'GSM-7', now(), 'bare:' || id from people where role = 'promoter' and id like 'bp%'`,
      ),
    );
    // The preview's parts, timed apart on the same runtime: the audience's query, the preview worked out, the recipients kept.
    const { broadcast, reachable, defaultTimezone } = commandOptions(gateway.runtime);
    const options = { ...broadcast, now: new Date() };
    const reach = { defaultTimezone, reachable, simulated: reachable.length === 0 };
    const request = checkRequest({ texts: body.texts, audience: { roles: ['promoter'] }, sendAt: null }, options);
    if (!request.ok) throw new Error('the request');
    const [candidates, queryMs] = await timed(() => gateway.runtime.broadcasts.candidates(request.value.audience, null, options.now, reach));
    const [worked, computeMs] = await timed(async () => previewBroadcast(request.value, candidates, options));
    if (!worked.ok) throw new Error('the preview');
    const [, keepMs] = await timed(() => gateway.runtime.broadcasts.save(request.value, worked.value, { operator: null, authority: null }, options.now, reach));
    const exactlyOnce = check!.rows === preview.json.recipients && check!.people === check!.rows && again.status === 409;
    const report = `# Broadcast to ${recipients.toLocaleString('en')} recipients

Measured by \`npm run bench\` (tests/bench/broadcast.ts) on ${new Date().toISOString().slice(0, 10)}, real PostgreSQL, through the API
(one process, no workers; the parts of the preview timed apart after it, on the same runtime). Recipients: ${recipients.toLocaleString('en')} promoters (a third English, a tenth in Hong Kong) and the demo's own.

| step | ms | × its baseline | baseline |
|---|---:|---:|---|
| preview (audience query, channels, windows, segments, cost, ${recipients.toLocaleString('en')} recipients kept) | ${previewMs.toFixed(0)} | ${(previewMs / bareRead).toFixed(1)}× | reading those people bare: ${bareRead.toFixed(0)} ms |
| of which: the audience's query | ${queryMs.toFixed(0)} | | |
| of which: the preview worked out (channels, windows, segments, cost, finish) | ${computeMs.toFixed(0)} | | |
| of which: the recipients kept (one insert) | ${keepMs.toFixed(0)} | | |
| planning (confirm: one outbox row each) | ${planMs.toFixed(0)} | ${(planMs / bareInsert).toFixed(1)}× | a bare insert of as many outbox rows: ${bareInsert.toFixed(0)} ms |

Aims (issue 19): preview under 2 s — ${previewMs < 2000 ? 'met' : 'not met'}; planning under 30 s — ${planMs < 30_000 ? 'met' : 'not met'}.
Planned: ${check!.rows.toLocaleString('en')} rows for ${check!.people.toLocaleString('en')} people; a second confirmation answered ${again.status} and planned nothing:
**exactly once: ${exactlyOnce ? 'yes' : 'NO'}**. Preview said: cost ${preview.json.cost} ${preview.json.currency}, last recipient by ${preview.json.finishedBy}.
`;
    writeFileSync(out, report);
    console.log(report);
    if (!exactlyOnce) process.exitCode = 1;
  } finally {
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
