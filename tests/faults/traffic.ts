import { DateTime } from 'luxon';
import { sleep } from '../bench/support';
import { signTwilio } from '../support/twilioFake';

/**
 * The fault run's sales network and what its people send: dealers ordering (ORDER, then YES) and
 * asking (STOCK, PRICE, STATUS) by SMS and by Telegram, promoters reporting each day's sell-out
 * (SALES, one report per store and day: a doubled report would show) by SMS. Each person is a
 * conversation of their own: they send, wait for the answer (or give up after a while, as people
 * do), think, and send the next; now and then the provider delivers a webhook twice.
 */
export const publicUrl = 'https://fieldline.example.com';
export const authToken = 'faults-twilio-auth-token';
export const accountSid = `AC${'f'.repeat(32)}`;
export const twilioFrom = '+15005550006';
export const telegramToken = '123456:faults-bot-token';
export const telegramSecret = 'faults-telegram-secret';

export interface Actor {
  id: string;
  channel: 'sms' | 'telegram';
  /** E.164 phone, or the Telegram chat id */
  address: string;
  script: string[];
  /** Telegram: the user blocked the bot (the Bot API answers 403); no answer ever reaches them */
  blocked?: boolean;
  /** another robot: `flood` sends 10 messages a second, `echo` bounces one auto-reply text back at each answer */
  robot?: 'flood' | 'echo';
  /** starts this long after the traffic does */
  startAfterMs?: number;
  /**
   * starts once this settles: the echo robot waits for Redis's restart, since the guard's counters
   * live there and a wipe in the middle of its bounces rightly forgets them (a loaded run once pushed
   * the restart past a fixed start and the guard, reset, held none back)
   */
  startAfter?: Promise<unknown>;
}

const dealerCount = 40;
const telegramDealersFrom = 26; // dealers 26–40 write by Telegram
const blockedFrom = 38; // dealers 38–40 blocked the bot
const promoterCount = 100;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The network, as an import document (on top of the demo data). */
export function networkDocument() {
  const dealers = Array.from({ length: dealerCount }, (_, i) => ({
    code: `F${pad(i + 1, 2)}`,
    name: `Fault dealer ${i + 1}`,
    tier: 'silver',
    creditLimit: 100_000_000,
    balance: 0,
    paymentTermsDays: 30,
    prices: { A100: 300, B200: 90 },
  }));
  const stores = Array.from({ length: promoterCount }, (_, i) => ({
    code: `ST${pad(i + 1, 3)}`,
    name: `Fault store ${i + 1}`,
    dealer: dealers[i % dealerCount]!.code,
    lat: 31.2 + i / 1000,
    lon: 121.4 + i / 1000,
    timezone: 'Asia/Shanghai',
  }));
  const people: {
    id: string;
    name: string;
    role: string;
    phone?: string;
    telegramId?: string;
    language: string;
    dealer: string;
    stores?: string[];
    manager: string;
  }[] = [
    ...dealers.map((dealer, i) =>
      i + 1 >= telegramDealersFrom
        ? {
            id: `DL${pad(i + 1, 2)}`,
            name: `Dealer ${i + 1}`,
            role: 'dealer',
            telegramId: String(600_000_000 + i + 1),
            language: 'en',
            dealer: dealer.code,
            manager: 'Mei',
          }
        : {
            id: `DL${pad(i + 1, 2)}`,
            name: `Dealer ${i + 1}`,
            role: 'dealer',
            phone: `+861370000${pad(i + 1, 4)}`,
            language: i % 2 ? 'en' : 'zh',
            dealer: dealer.code,
            manager: 'Mei',
          },
    ),
    ...stores.map((store, i) => ({
      id: `PR${pad(i + 1, 3)}`,
      name: `Promoter ${i + 1}`,
      role: 'promoter',
      phone: `+861360000${pad(i + 1, 4)}`,
      language: i % 2 ? 'en' : 'zh',
      dealer: store.dealer,
      stores: [store.code],
      manager: 'Sam',
    })),
    // Two robots at dealers' numbers: a script flooding, and an auto-responder bouncing our answers.
    ...['RB1', 'RB2'].map((id, i) => ({
      id,
      name: `Robot ${i + 1}`,
      role: 'dealer',
      phone: `+86137000099${pad(i + 1, 2)}`,
      language: 'en',
      dealer: 'F01',
      manager: 'Mei',
    })),
  ];
  const stock = ['A100', 'B200'].map((sku) => ({ warehouse: 'SH', sku, onHand: 10_000_000 }));
  return { dealers, stores, people, stock };
}

/** What the auto-responder answers to everything: the same text each time. */
export const autoReply = 'Auto-reply: I am away until Monday. Your message has been received.';

/** Each person's messages: `perActor` of them, in the order a person would send them (the robots: theirs). */
export function actors(perActor: number): Actor[] {
  const { people } = networkDocument();
  const today = DateTime.now().setZone('Asia/Shanghai').startOf('day');
  const promoterQuestions = ['STOCK A100', '帮助', 'PRICE A100', '库存 B200', 'HELP', 'STOCK B200'];
  const dealerTurns = ['ORDER A100 2', 'YES', 'STOCK A100', 'PRICE B200', 'STATUS', '订货 B200 3', '确认', '库存 B200', 'HELP'];
  return people.map((person, index): Actor => {
    if (person.id === 'RB1')
      return { id: person.id, channel: 'sms', address: person.phone!, robot: 'flood', script: Array.from({ length: 40 }, (_, i) => `PRICE A100 ${i + 1}`) };
    if (person.id === 'RB2')
      return { id: person.id, channel: 'sms', address: person.phone!, robot: 'echo', script: Array.from({ length: 8 }, () => autoReply) };
    if (person.role === 'dealer') {
      const n = Number(person.id.slice(2));
      return {
        id: person.id,
        channel: person.telegramId ? 'telegram' : 'sms',
        address: person.telegramId ?? person.phone!,
        // Who blocked the bot writes a few times (before blocking it) and gets no answer.
        script: Array.from({ length: n >= blockedFrom ? 3 : perActor }, (_, i) => dealerTurns[i % dealerTurns.length]!),
        blocked: n >= blockedFrom,
      };
    }
    // Two reports to one question: each report for a day of its own, going back from yesterday.
    let day = 0;
    return {
      id: person.id,
      channel: 'sms',
      address: person.phone!,
      script: Array.from({ length: perActor }, (_, i) =>
        i % 3 === 2
          ? promoterQuestions[((i - 2) / 3) % promoterQuestions.length]!
          : `SALES ${today.minus({ days: ++day }).toISODate()} A100 ${1 + ((index + i) % 4)}`,
      ),
    };
  });
}

export interface Sent {
  /** `twilio:<MessageSid>` or `telegram:<update_id>`: the inbox's transport and external id */
  key: string;
  actor: string;
  text: string;
  /** the gateway answered 200 at least once: it is ours now */
  accepted: boolean;
  posts: number;
  /** from the first post to the answer at the provider; null when the person gave up waiting */
  answeredMs: number | null;
}

export interface TrafficOptions {
  webUrls: () => string[];
  /** how many answers the provider has taken for this address so far */
  answersTo: (actor: Actor) => number;
  /** a person sends their next message this long after the previous one, at the least */
  intervalMs: number;
  /** how long a person waits for an answer before sending the next message anyway */
  patienceMs: number;
  duplicateRate: number;
}

let sequence = 0;

/**
 * Plays every actor's script against the web processes; returns what was sent. A webhook the
 * gateway does not take (5xx, a connection refused or cut) is posted again, to another web
 * process, as a provider retries; a 4xx is final (not retried, not accepted).
 */
export async function play(all: Actor[], options: TrafficOptions): Promise<{ sent: Sent[]; duplicatesPosted: number }> {
  const sent: Sent[] = [];
  let duplicatesPosted = 0;
  const duplicates: Promise<unknown>[] = [];
  await Promise.all(
    all.map(async (actor, index) => {
      if (actor.startAfter) await actor.startAfter;
      else await sleep(actor.startAfterMs ?? (index * options.intervalMs) / all.length); // not all at once
      for (const text of actor.script) {
        const started = Date.now();
        const before = options.answersTo(actor);
        const request = webhook(actor, text);
        const record: Sent = { key: request.key, actor: actor.id, text, accepted: false, posts: 0, answeredMs: null };
        sent.push(record);
        record.accepted = await post(request, options, record);
        if (actor.robot === 'flood') {
          await sleep(100); // 10 a second, answered or not
          continue;
        }
        if (record.accepted && Math.random() < options.duplicateRate) {
          duplicatesPosted++;
          duplicates.push(sleep(Math.random() * 2000).then(() => post(request, options, record)));
        }
        while (!actor.blocked && options.answersTo(actor) <= before && Date.now() - started < options.patienceMs) await sleep(25);
        if (options.answersTo(actor) > before) record.answeredMs = Date.now() - started;
        await sleep(Math.max(0, options.intervalMs * (0.6 + Math.random() * 0.8) - (Date.now() - started)));
      }
    }),
  );
  await Promise.all(duplicates);
  return { sent, duplicatesPosted };
}

interface Webhook {
  key: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

function webhook(actor: Actor, text: string): Webhook {
  const n = sequence++;
  if (actor.channel === 'telegram') {
    const id = Number(actor.address);
    const updateId = 10_000_000 + n;
    const update = {
      update_id: updateId,
      message: {
        message_id: n,
        date: Math.floor(Date.now() / 1000),
        chat: { id, type: 'private', first_name: actor.id },
        from: { id, is_bot: false, first_name: actor.id, language_code: 'en' },
        text,
      },
    };
    return {
      key: `telegram:${updateId}`,
      path: '/webhooks/telegram',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': telegramSecret },
      body: JSON.stringify(update),
    };
  }
  const sid = `SMfault${process.pid}x${n}`;
  const form = {
    MessageSid: sid,
    SmsMessageSid: sid,
    AccountSid: accountSid,
    From: actor.address,
    To: twilioFrom,
    Body: text,
    NumMedia: '0',
    NumSegments: '1',
  };
  const path = '/webhooks/twilio/sms';
  return {
    key: `twilio:${sid}`,
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilio(authToken, publicUrl + path, form) },
    body: new URLSearchParams(form).toString(),
  };
}

/** Posts until a web process takes it (up to ~2 minutes of retries); false when refused or given up. */
async function post(request: Webhook, options: TrafficOptions, record: Sent): Promise<boolean> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const urls = options.webUrls();
    const url = urls[(attempt + Math.floor(Math.random() * 2)) % Math.max(1, urls.length)];
    if (url) {
      record.posts++;
      const status = await fetch(url + request.path, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(10_000),
      }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return true;
      if (status >= 400 && status < 500 && status !== 429) return false;
    }
    await sleep(Math.min(2000, 100 * 2 ** attempt));
  }
  return false;
}
