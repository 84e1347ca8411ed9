import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDocumentPath } from '../../gateway/demo/load';
import { importDocument } from '../../gateway/api';
import { storeInbound } from '../../adapters/db/messageLog';
import { sqlStore } from '../../adapters/db/store';
import { countRows, startTestGateway, type Database, type TestGateway } from '../support/gateway';

/** One conformance suite, two real stores: a PostgreSQL server and embedded PGlite (same schema, same migrations). */
describe.each<Database>(['postgres', 'pglite'])('store on %s', (database) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ database, seed: false, workers: false });
  });
  afterAll(() => gateway.stop());

  const demo = () => JSON.parse(readFileSync(demoDocumentPath, 'utf8'));
  const load = (document: unknown) => importDocument(gateway.runtime.importer, 'CN', document);

  test('migrations are recorded and a second run applies nothing', async () => {
    const files = readdirSync(join(__dirname, '../../adapters/db/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files[0]).toBe('001_initial.sql');
    expect(gateway.runtime.migrated).toEqual(files);
    const { migrate } = await import('../../adapters/db/migrate');
    expect(await migrate(gateway.runtime.sql)).toEqual([]);
  });

  test('a good document lands whole, and a re-import duplicates nothing', async () => {
    const first = await load(demo());
    expect(first.errors).toEqual([]);
    expect(first.counts).toEqual({
      products: 5,
      warehouses: 2,
      stock: 7,
      dealers: 3,
      allocations: 1,
      stores: 2,
      people: 9,
      servicePoints: 2,
      orders: 5,
      invoices: 3,
      incentivePlans: 1,
      planAssignments: 1,
      rebatePolicies: 2,
      competitors: 3,
    });
    const again = await load(demo());
    expect(again.counts).toEqual(first.counts);
    for (const [table, rows] of [
      ['products', 5],
      ['stock', 7],
      ['dealer_prices', 7],
      ['people', 9],
      ['person_stores', 3],
      ['order_lines', 8],
      ['invoices', 3],
      ['rebate_policies', 2],
    ] as const) {
      expect(await countRows(gateway.runtime, `select 1 from ${table}`)).toBe(rows);
    }
  });

  test("knownCodes answers the catalogue's spelling of the product, store and warehouse codes among some words", async () => {
    const known = await gateway.runtime.store.catalog.knownCodes(['a100', 'b200', 's1', 'gz', 'A10O', 'hello']);
    expect(known).toEqual({ skus: ['A100', 'B200'], stores: ['S1'], warehouses: ['GZ'] });
    expect(await gateway.runtime.store.catalog.knownCodes([])).toEqual({ skus: [], stores: [], warehouses: [] });
    // Lookups in one turn share a statement, each answered for its own words; in a transaction, one statement each.
    const [first, second] = await Promise.all([
      gateway.runtime.store.catalog.knownCodes(['a100', 'sh']),
      gateway.runtime.store.catalog.knownCodes(['C300', 's2']),
    ]);
    expect(first).toEqual({ skus: ['A100'], stores: [], warehouses: ['SH'] });
    expect(second).toEqual({ skus: ['C300'], stores: ['S2'], warehouses: [] });
    expect(await gateway.runtime.store.transaction((tx) => tx.catalog.knownCodes(['e500', 'SH']))).toEqual({ skus: ['E500'], stores: [], warehouses: ['SH'] });
  });

  test('bad rows are reported by index and field while the good rows land', async () => {
    const report = await load({
      products: [
        { sku: 'Z1', name: 'Fan', listPrice: 99 },
        { sku: 'Z2', name: 'Heater', listPrice: -5 },
        { sku: 'Z1', name: 'Fan again', listPrice: 98 },
      ],
      stock: [
        { warehouse: 'SH', sku: 'Z1', onHand: 7 },
        { warehouse: 'NOPE', sku: 'Z1', onHand: 1 },
        { warehouse: 'SH', sku: 'Z2', onHand: 1 },
      ],
      people: [
        { id: 'P1', name: 'New promoter', role: 'promoter', phone: '138 0000 0077', manager: 'Sam' },
        { id: 'P2', name: 'Bad phone', role: 'promoter', phone: '12' },
        { id: 'P3', name: 'Taken phone', role: 'customer', phone: '+8613800000001' },
        { id: 'P4', name: 'No boss', role: 'driver', manager: 'Ghost' },
        { id: 'P5', name: 'Wrong role', role: 'pilot' },
      ],
      widgets: [],
    });
    const where = report.errors.map((e) => `${e.kind}[${e.index}].${e.field}`);
    expect(where).toEqual([
      'people[1].phone',
      'people[2].phone',
      'people[3].manager',
      'people[4].role',
      'products[1].listPrice',
      'products[2].sku',
      'stock[1].warehouse',
      'stock[2].sku',
      'widgets[null].',
    ]);
    expect(report.counts).toEqual({ products: 1, stock: 1, people: 1 });
    const [person] = await gateway.runtime.sql.query<{ phone: string; manager: string }>(`select phone, manager from people where id = 'P1'`);
    expect(person).toEqual({ phone: '+8613800000077', manager: 'Sam' });
    expect(await countRows(gateway.runtime, `select 1 from stock where sku = 'Z1' and on_hand = 7`)).toBe(1);
  });

  test('the store answers what commands ask', async () => {
    const { store } = gateway.runtime;
    expect((await store.people.byAddress('sms', '+8613800000001'))?.id).toBe('Dave');
    expect((await store.people.byAddress('telegram', 'tg:500000002'))?.id).toBe('Diana');
    expect(await store.people.byAddress('sms', '+8613800000999')).toBeNull();
    expect(await store.catalog.availability('a100')).toEqual([
      { warehouse: 'GZ', available: 45 },
      { warehouse: 'SH', available: 120 },
    ]);
    expect(await store.catalog.dealerPrice('D2', 'A100')).toMatchObject({ unitPrice: 359, basis: 'contract' });
    expect(await store.catalog.dealerPrice('D3', 'A100')).toMatchObject({ unitPrice: 399, basis: 'list' });
    // asked together (one statement for the turn), each gets its own: a dealer's contract, another's list price, an unknown product
    const together = await Promise.all([
      store.catalog.dealerPrice('D2', 'a100'),
      store.catalog.dealerPrice('D3', 'A100'),
      store.catalog.dealerPrice('D2', 'NOPE9'),
    ]);
    expect(together.map((price) => price && [price.product.sku, price.unitPrice, price.basis])).toEqual([
      ['A100', 359, 'contract'],
      ['A100', 399, 'list'],
      null,
    ]);
    // What STOCK shows, in one read: asked together (one statement), each gets its own product, warehouses and allocation.
    const shown = await Promise.all([
      store.catalog.stock('a100', 'D2'),
      store.catalog.stock('A100', null),
      store.catalog.stock('NOPE9', 'D2'),
      store.catalog.stock('c300', 'D2'),
    ]);
    // D2's allocation of C300 (the demo's 10), with what their orders hold of it, as the allocation read alone answers it.
    const allocated = await store.catalog.allocation('D2', 'C300');
    expect(allocated).toMatchObject({ quota: 10 });
    expect(shown[3]).toMatchObject({ product: { sku: 'C300' }, allocation: allocated });
    // Its warehouses, as the availability read alone answers them (C300 is in SH only).
    const c300 = await store.catalog.availability('C300');
    expect(c300.map((w) => w.warehouse)).toEqual(['SH']);
    expect(shown.pop()?.byWarehouse).toEqual(c300);
    expect(shown).toEqual([
      {
        product: expect.objectContaining({ sku: 'A100' }),
        byWarehouse: [
          { warehouse: 'GZ', available: 45 },
          { warehouse: 'SH', available: 120 },
        ],
        allocation: null,
      },
      {
        product: expect.objectContaining({ sku: 'A100' }),
        byWarehouse: [
          { warehouse: 'GZ', available: 45 },
          { warehouse: 'SH', available: 120 },
        ],
        allocation: null,
      },
      null,
    ]);
    expect(await store.transaction((tx) => tx.catalog.stock('A100', 'D2'))).toEqual(shown[0]);
    expect((await store.orders.openOrders({ dealer: 'D1' }, 5)).map((o) => o.number)).toEqual(['1002', '1001']);
    expect(await store.orders.summary('2001')).toMatchObject({ dealer: 'D2', status: 'pending_approval', total: 12870, lineCount: 2 });
  });

  test('the ledger: an import opens it, invoices and payments post to it, its sum is the balance; a stated balance that differs is reported, not written', async () => {
    const { sql, store } = gateway.runtime;
    const balanceOf = async (dealer: string) =>
      Number((await sql.query<{ b: string }>('select balance::text as b from dealers where code = $1', [dealer]))[0]!.b);
    // D9 is new: its ledger opens with the ¥1,000 it brings, and INV-9A in the same document is in that figure.
    const opening = { code: 'D9', name: 'Ledger Test', creditLimit: 5000, balance: 1000 };
    expect((await load({ dealers: [opening], invoices: [{ number: 'INV-9A', dealer: 'D9', amount: 1000, dueDate: '2026-11-01' }] })).balances).toEqual([]);
    expect(await balanceOf('D9')).toBe(1000);
    // A new invoice of ¥300 with ¥100 paid (+300 −100); INV-9A's amount corrected to ¥1,050 (+50) and ¥400 of it paid (−400).
    const later = {
      invoices: [
        { number: 'INV-9B', dealer: 'D9', amount: 300, dueDate: '2026-12-15', paidAmount: 100 },
        { number: 'INV-9A', dealer: 'D9', amount: 1050, dueDate: '2026-11-01', paidAmount: 400 },
      ],
    };
    await load(later);
    await load(later); // the same figures again post nothing
    // 1,000 + 300 − 100 + 50 − 400 = 850
    expect(await balanceOf('D9')).toBe(850);
    const kinds = await sql.query<{ kind: string; amount: string }>(`select kind, amount::text from dealer_ledger where dealer = 'D9' order by id`);
    expect(kinds.map((e) => `${e.kind} ${e.amount}`)).toEqual(['opening 1000.00', 'invoice 300.00', 'payment -100.00', 'adjustment 50.00', 'payment -400.00']);
    // The ERP says ¥900: the difference is reported, in a dry run as in the import, and the ledger's figure stands.
    const stated = { dealers: [{ ...opening, balance: 900 }] };
    const difference = [{ dealer: 'D9', ledger: 850, imported: 900, difference: 50 }];
    expect((await importDocument(gateway.runtime.importer, 'CN', stated, 'preview')).balances).toEqual(difference);
    expect((await load(stated)).balances).toEqual(difference);
    expect(await balanceOf('D9')).toBe(850);
    // Every dealer's balance is its ledger's sum; an entry is never changed.
    expect(
      await countRows(
        gateway.runtime,
        `select 1 from dealers d where balance <> (select coalesce(sum(amount), 0) from dealer_ledger l where l.dealer = d.code)`,
      ),
    ).toBe(0);
    await expect(sql.query(`update dealer_ledger set amount = 0 where dealer = 'D9'`)).rejects.toThrow(/never changed/);
    // What BALANCE reads on 3 December: INV-9A has ¥650 overdue since 1 November; INV-9B's ¥200 is due on the 15th.
    expect(await store.ledger.account('D9', '2026-12-03')).toEqual({
      dealer: 'D9',
      name: 'Ledger Test',
      currency: 'CNY',
      creditLimit: 5000,
      balance: 850,
      openOrders: 0,
      overdue: { count: 1, amount: 650, oldestDue: '2026-11-01' },
      nextDue: { date: '2026-12-15', amount: 200 },
      rebateCredit: 0,
    });
  });

  test('a message is answered once: the claim and its replies commit together', async () => {
    const { sql, store } = gateway.runtime;
    const incoming = {
      channel: 'sms',
      transport: 'twilio',
      externalId: `SM-answer-${database}`,
      from: '+8613800000001',
      to: null,
      text: 'STOCK A100',
    } as const;
    const [stored, repeated] = await storeInbound(sql, [incoming, incoming]);
    expect(repeated).toMatchObject({ duplicate: true, message: { inboxId: stored!.message.inboxId } });
    expect(stored!.duplicate).toBe(false);
    const reply = {
      channel: 'sms',
      transport: 'twilio',
      to: '+8613800000001',
      text: '可用 165',
      personId: 'Dave',
      inReplyTo: stored!.message.inboxId,
      kind: 'reply',
    } as const;
    const ids = await store.inbox.answer(stored!.message.inboxId, 'Dave', [reply, { ...reply, text: 'second part' }]);
    expect(ids).toHaveLength(2);
    expect(await store.inbox.answer(stored!.message.inboxId, 'Dave', [reply])).toBeNull();
    expect(await store.inbox.claim(stored!.message.inboxId, 'Dave')).toBe(false);
    const rows = await sql.query(`select body, segments, encoding, status from outbox where in_reply_to = $1 order by id`, [stored!.message.inboxId]);
    expect(rows).toEqual([
      { body: '可用 165', segments: 1, encoding: 'UCS-2', status: 'pending' },
      { body: 'second part', segments: 1, encoding: 'GSM-7', status: 'pending' },
    ]);
    const [again] = await storeInbound(sql, [incoming]);
    expect(again).toMatchObject({ duplicate: true, pending: false, message: { inboxId: stored!.message.inboxId } });
  });

  test('answers arriving together share one statement, and a message named twice is answered once', async () => {
    const { sql, store } = gateway.runtime;
    const incoming = (sid: string) =>
      ({ channel: 'sms', transport: 'twilio', externalId: `${sid}-${database}`, from: '+8613800000002', to: null, text: 'HELP' }) as const;
    const [a, b] = await storeInbound(sql, [incoming('SM-batch-a'), incoming('SM-batch-b')]);
    const reply = (inboxId: string, text: string) =>
      ({ channel: 'sms', transport: 'twilio', to: '+8613800000002', text, personId: 'Diana', inReplyTo: inboxId, kind: 'reply' }) as const;
    const results = await Promise.all([
      store.inbox.answer(a!.message.inboxId, 'Diana', [reply(a!.message.inboxId, 'to a, part 1'), reply(a!.message.inboxId, 'to a, part 2')]),
      store.inbox.answer(a!.message.inboxId, 'Diana', [reply(a!.message.inboxId, 'to a, again')]),
      store.inbox.answer(b!.message.inboxId, 'Diana', [reply(b!.message.inboxId, 'to b')]),
    ]);
    expect(results.map((ids) => ids?.length ?? null)).toEqual([2, null, 1]);
    const rows = await sql.query<{ body: string }>(`select body from outbox where in_reply_to = any($1::bigint[]) order by id`, [
      [a!.message.inboxId, b!.message.inboxId],
    ]);
    expect(rows.map((r) => r.body).sort()).toEqual(['to a, part 1', 'to a, part 2', 'to b']);
    expect(() => store.inbox.answer(a!.message.inboxId, 'Diana', [reply(b!.message.inboxId, 'crossed')])).toThrow('replies to another');
  });

  test("Needs attention: a message still waiting is nobody's yet, not an unregistered sender", async () => {
    const { sql, store, attention } = gateway.runtime;
    const [stored] = await storeInbound(sql, [
      { channel: 'sms', transport: 'twilio', externalId: `SM-waiting-${database}`, from: '+8613800000001', to: null, text: 'STOCK A100' },
    ]);
    const listed = async () => (await attention.items(1, 10_000)).find((item) => item.item === `in:${stored!.message.inboxId}`)?.reason ?? null;
    expect(await listed()).toBeNull();
    // Processed as nobody's (a number no one has): now it is.
    expect(await store.inbox.claim(stored!.message.inboxId, null)).toBe(true);
    expect(await listed()).toBe('unregistered');
  });

  test('a transaction that fails leaves nothing behind', async () => {
    const { store } = gateway.runtime;
    await expect(
      store.transaction(async (tx) => {
        await tx.contacts.setOptedOut('sms', '+8613800000005', true, 'test');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.contacts.isOptedOut('sms', '+8613800000005')).toBe(false);
  });

  describe('after-commit work', () => {
    const note = (text: string, notBefore: Date | null = null) => ({
      channel: 'sms' as const,
      transport: 'simulator' as const,
      to: '+8613800000005',
      text,
      personId: null,
      inReplyTo: null,
      kind: 'reply' as const,
      notBefore,
    });
    /** A store whose after-commit work records what it was handed, and the moment it ran. */
    const recording = () => {
      const handed: { outboxIds: string[]; rowsVisible: number }[] = [];
      const store = sqlStore(gateway.runtime.sql, async ({ outboxIds }) => {
        // Run after the commit: another connection sees the rows already.
        handed.push({
          outboxIds: [...outboxIds],
          rowsVisible: await countRows(gateway.runtime, `select 1 from outbox where id = any('{${outboxIds.join(',')}}'::bigint[])`),
        });
      });
      return { store, handed };
    };

    test('what a transaction queues is handed over once, after it committed', async () => {
      const { store, handed } = recording();
      const ids = await store.transaction(async (tx) => {
        const first = await tx.outbox.add([note('one')]);
        const nested = await tx.transaction((inner) => inner.outbox.add([note('two')]));
        expect(handed).toEqual([]); // nothing leaves before the commit, nested transactions included
        return [...first, ...nested];
      });
      expect(handed).toEqual([{ outboxIds: ids, rowsVisible: 2 }]);
    });

    test('a rolled-back transaction hands over nothing and leaves no row', async () => {
      const { store, handed } = recording();
      const before = await countRows(gateway.runtime, 'select 1 from outbox');
      await expect(
        store.transaction(async (tx) => {
          await tx.outbox.add([note('never')]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(handed).toEqual([]);
      expect(await countRows(gateway.runtime, 'select 1 from outbox')).toBe(before);
    });

    test('a write outside a transaction is handed over at once; a message planned for later waits for its release', async () => {
      const { store, handed } = recording();
      const [now] = await store.outbox.add([note('now')]);
      const [later] = await store.outbox.add([note('later', new Date(Date.now() + 3600_000))]);
      expect(later).toBeDefined();
      expect(handed).toEqual([{ outboxIds: [now!], rowsVisible: 1 }]);
    });

    test('a planned message whose window is open by the store’s clock is released with its insert, and handed over to be queued; a later one waits', async () => {
      const hour = 3600_000;
      const clock = new Date(Date.now() + 2 * hour); // the gateway's clock, ahead of PostgreSQL's
      const handed: { outboxIds: string[]; released: string[] }[] = [];
      const store = sqlStore(
        gateway.runtime.sql,
        async ({ outboxIds, released }) => void handed.push({ outboxIds, released }),
        null,
        () => clock,
      );
      const [open] = await store.outbox.add([note('open by the clock', new Date(Date.now() + hour))]);
      const [later] = await store.outbox.add([note('after the clock', new Date(Date.now() + 3 * hour))]);
      expect(handed).toEqual([{ outboxIds: [], released: [open!] }]);
      const rows = await gateway.runtime.sql.query<{ id: string; released: boolean }>(
        'select id::text, released_at is not null as released from outbox where id = any($1::bigint[]) order by id',
        [[open, later]],
      );
      expect(rows).toEqual([
        { id: open, released: true },
        { id: later, released: false },
      ]);
    });
  });
});
