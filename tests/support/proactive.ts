import { releaseDue } from '../../gateway/pipeline';
import { ManualClock, adminApi, eventually, gatewayWithFakeTwilio, type TestGateway } from './gateway';

/** A dealer in Shanghai, one in New York (DST ends there on 1 November 2026), and a chain of managers. */
export const network = {
  dealers: [
    { code: 'DS', name: 'Shanghai Dealer', creditLimit: 100_000 },
    { code: 'DN', name: 'New York Dealer', creditLimit: 100_000 },
  ],
  people: [
    { id: 'Chair', name: 'Chair Lin', role: 'manager', phone: '+8613900000099', language: 'en' },
    { id: 'Boss', name: 'Boss Qian', role: 'manager', phone: '+8613900000098', language: 'en', manager: 'Chair' },
    { id: 'Mgr', name: 'Mgr Sun', role: 'manager', phone: '+8613900000097', language: 'zh', manager: 'Boss' },
    { id: 'Sup', name: 'Sup Li', role: 'supervisor', phone: '+8613900000096', language: 'en', manager: 'Mgr' },
    { id: 'Wu', name: 'Wu Fang', role: 'dealer', phone: '+8613900000001', language: 'zh', timezone: 'Asia/Shanghai', dealer: 'DS', manager: 'Sup' },
    { id: 'Nora', name: 'Nora Kim', role: 'dealer', phone: '+12125550101', language: 'en', timezone: 'America/New_York', dealer: 'DN', manager: 'Sup' },
  ],
};

/** Releases what is due by the clock's now and waits until the dispatcher has sent or held back all of it. */
export async function settle(gateway: TestGateway, clock: ManualClock): Promise<void> {
  await releaseDue(gateway.runtime);
  await eventually(async () => {
    const [row] = await gateway.runtime.sql.query<{ n: number }>(
      `select count(*)::int as n from outbox where status = 'sending' or (status = 'pending' and coalesce(not_before, created_at) <= $1)`,
      [clock.now()],
    );
    return row!.n === 0 ? true : undefined;
  });
}

/** Sets the clock, runs a job as an operator would (POST /api/v1/jobs/:name/run), and settles what it planned: its report. */
export async function runJobAt(context: { gateway: TestGateway; clock: ManualClock }, job: string, at: string) {
  context.clock.set(at);
  const { json } = await adminApi(context.gateway, 'POST', `/api/v1/jobs/${job}/run`, {});
  await settle(context.gateway, context.clock);
  return json;
}

/**
 * A test gateway on a ManualClock starting at `start`, its SMS going to a fake Twilio, with
 * `document` imported: started before the file's tests, stopped after. Read `gateway` inside tests.
 */
export function proactiveGateway(start: string, env: Record<string, string>, document: Record<string, unknown> = network) {
  const clock = new ManualClock(new Date(start));
  const context = Object.assign(gatewayWithFakeTwilio({ seed: false, clock, env }), { clock });
  beforeAll(async () => {
    const { json } = await adminApi(context.gateway, 'POST', '/api/v1/import', document);
    expect(json.errors).toEqual([]);
  });
  return context;
}
