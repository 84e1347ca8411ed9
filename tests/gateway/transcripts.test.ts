import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock, adminApi, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Conversations as golden transcripts (tests/gateway/transcripts/*.json): each turn is sent through
 * the simulator and its replies, and the notices it caused, must read exactly as recorded.
 * `UPDATE_GOLDEN=1 npm test -- transcripts` rewrites the files from what the gateway says now.
 */
interface Turn {
  from: string;
  text: string;
  channel?: 'sms' | 'telegram';
  replies: unknown[];
  notices?: { to: string; text: string }[];
}

const folder = join(__dirname, 'transcripts');
const transcripts = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .sort();
const update = process.env.UPDATE_GOLDEN === '1';

describe.each(transcripts)('transcript %s', (file) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    // A fixed clock: replies name times (when an order was approved), and a transcript reads the same on any day.
    gateway = await startTestGateway({ clock: new ManualClock(new Date('2026-11-24T02:00:00Z')) });
  });
  afterAll(() => gateway.stop());

  test('reads as recorded', async () => {
    const turns = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Turn[];
    const actual: Turn[] = [];
    for (const turn of turns) {
      const before = await gateway.runtime.sql.query<{ id: string }>('select coalesce(max(id), 0) as id from outbox');
      const { status, json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from: turn.from, text: turn.text, channel: turn.channel });
      expect(status).toBe(200);
      const notices = await gateway.runtime.sql.query<{ to: string; text: string }>(
        `select recipient as "to", body as text from outbox where id > $1 and kind <> 'reply' order by id`,
        [before[0]!.id],
      );
      // Built from what happened only: nothing of the recorded turn but its input is carried over.
      actual.push({
        from: turn.from,
        ...(turn.channel ? { channel: turn.channel } : {}),
        text: turn.text,
        replies: json.replies.map(({ to: _to, channel: _channel, ...reply }: Record<string, unknown>) => reply),
        ...(notices.length ? { notices } : {}),
      });
    }
    if (update) writeFileSync(join(folder, file), `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(turns);
  });
});
