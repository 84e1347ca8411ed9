import type { DealerPrice, KnownCodes, Product, ProductStock, WarehouseAvailability } from './catalog';
import type { ImportReport, ValidatedDocument } from './import';
import type { ChatChannel } from './channels';
import type { Channel, DeliveryStatus, Keyboard, MessageKind, MessageReading, OutboundMessage, Transport } from './messages';
import type { OrderStatus, OrderStatusChange, OrderSummary } from './orders';
import type { Alert, AlertCondition, AlertKind } from './alerts';
import type { Position } from './places';
import type { Ping, VehiclePosition } from './vehicles';
import type { Delivery } from './deliveries';
import type { FilerPlace, ServicePoint, Ticket, TicketPriority, TicketStatus } from './tickets';
import type { Language, Person } from './people';
import type { HandoffStore } from './handoffs';
import type { BroadcastStore } from './broadcasts';
import type { LedgerStore } from './ledger';
import type { RebateStore } from './rebates';
import type { RosterStore } from './roster';
import type { PromotionStore } from './promotions';
import type { ReturnStore } from './returns';
import type { AttendanceStore, CompetitorStore, IncentiveStore, SellOutStore } from './fieldPorts';

export type { AttendanceStore, CompetitorBrand, CompetitorStore, IncentiveStore, OutlierFlag, SellOutStore, SoldLine } from './fieldPorts';

/** Ports: only what the code uses. adapters/ implements them (db: PostgreSQL and PGlite; sms: Twilio). */

export interface Clock {
  now(): Date;
}

/** A guess at what a free text asks for, with the classifier's confidence (0 to 1). */
export interface IntentGuess {
  intent: string;
  score: number;
}

/** What the classifier learns from: per language and intent, utterances with their entities masked. */
export type TrainingCorpus = Record<Language, Record<string, string[]>>;

/** Free-text understanding (adapters/nlp: node-nlp): the likeliest intents of a text, best first. */
export interface IntentClassifier {
  /** `text` has its entities masked already (commands/understanding/entities.ts). */
  classify(text: string, language: Language): Promise<IntentGuess[]>;
}

export interface PeopleStore {
  /** The registered person behind an address: an E.164 phone on sms, `tg:<user id>` on telegram, `wx:<OpenID>` on wechat. */
  byAddress(channel: Channel, address: string): Promise<Person | null>;
  byId(personId: string): Promise<Person | null>;
  /** Who a person's alerts and approvals escalate to: their manager, that manager's manager, … */
  managerChain(personId: string): Promise<string[]>;
  setLanguage(personId: string, language: Language): Promise<void>;
  /** Links a chat user (a Telegram user id, a WeChat OpenID) to a person, unlinking whoever held it before. */
  linkChat(channel: ChatChannel, personId: string, userId: string): Promise<void>;
  /** A chat that blocked the bot (or unsubscribed from the account) is unreachable there until its user writes again. */
  setChatBlocked(channel: ChatChannel, userId: string, blocked: boolean): Promise<void>;
  /** Everyone whose birthday (`MM-DD` or `YYYY-MM-DD`) ends in one of these `MM-DD` keys, with their birthday. */
  withBirthdayIn(keys: readonly string[]): Promise<{ person: Person; birthday: string }[]>;
}

/** An open invoice and one person to remind of it: the invoice's own person, else each of the dealer's people. */
export interface InvoiceReminder {
  invoice: { number: string; dealer: string | null; outstanding: number; currency: string; dueDate: string };
  recipient: Person;
}

export interface InvoiceStore {
  /**
   * Open invoices (outstanding > 0) due on or before `dueBy`, one row per recipient, in pages of at
   * most `pageSize` invoices (an invoice's recipients share its page): a run over a million holds one page.
   */
  openForDunning(dueBy: string, pageSize?: number): AsyncIterable<InvoiceReminder[]>;
}

/** Drivers' pings and their vehicles' latest positions. */
export interface VehicleStore {
  /** Stores a ping; moves the vehicle only when the ping is newer (device time) than its position. Answers the position after. */
  record(ping: Ping): Promise<{ position: VehiclePosition; moved: boolean }>;
  /** Where a driver's vehicle stands now, if it has ever pinged. */
  position(driver: string): Promise<VehiclePosition | null>;
}

/** Shipped orders' stops, and what pings and DONE do to them. */
export interface DeliveryStore {
  /** A driver's shipped orders with their stops, locked until the transaction ends, oldest first. */
  activeFor(driver: string): Promise<Delivery[]>;
  /** Stops for an order being shipped: stores and dealers by code, in order; unknown or unlocated ones are named. */
  addStops(order: string, places: readonly ({ store: string } | { dealer: string })[]): Promise<{ added: number } | { unlocated: string[] }>;
  markArrived(order: string, seq: number, at: Date): Promise<boolean>;
  markDone(order: string, seq: number, at: Date): Promise<void>;
  setEta(order: string, eta: Date): Promise<void>;
  /** Drivers with an undelivered stop whose vehicle has not pinged since `cutoff` (or never did since shipping). */
  silentDrivers(cutoff: Date): Promise<{ driver: Person; lastPingAt: Date | null; order: string }[]>;
  /** A driver's fixes since an instant, oldest first (for the recent speed). */
  track(driver: string, since: Date): Promise<{ position: Position; at: Date }[]>;
}

/** Service points and tickets. */
export interface TicketStore {
  servicePoints(): Promise<ServicePoint[]>;
  /** The filer's stores, their dealer's region, and the position of their store or dealer. */
  filerPlace(personId: string): Promise<FilerPlace>;
  create(ticket: {
    filedBy: string;
    dealer: string | null;
    sku: string;
    serial: string | null;
    description: string;
    priority: TicketPriority;
    photoFileId: string | null;
    at: Date;
  }): Promise<string>;
  /** A ticket, locked until the transaction ends. */
  byNumber(number: string): Promise<Ticket | null>;
  /** Moves a ticket (the lifecycle is checked by the caller), stamping the time of the move and the update's note. */
  move(number: string, to: TicketStatus, at: Date, update: { servicePoint?: string; note?: string | null }): Promise<void>;
  /** The people of a service point with role technician. */
  technicians(servicePoint: string): Promise<Person[]>;
}

export interface AlertStore {
  /** Raises an alert held by its owner; null when one of that kind and subject is open already. */
  raise(condition: AlertCondition, at: Date, deadline: Date): Promise<Alert | null>;
  byId(id: string): Promise<Alert | null>;
  /** Open, unacknowledged alerts whose deadline has passed, oldest first. */
  dueForEscalation(at: Date): Promise<Alert[]>;
  /** Moves an alert one level up, once: false when another run moved it first. */
  escalate(alert: Alert, to: { level: number; holder: string } | null, deadline: Date | null): Promise<boolean>;
  /** Acknowledges an open alert, once: false when it was acknowledged or resolved already. */
  acknowledge(id: string, by: string, at: Date): Promise<boolean>;
  /** Resolves one open alert (an operator closed it); false when it was resolved already. Still true, the next run raises it again. */
  resolve(id: string, at: Date): Promise<boolean>;
  /** Resolves the open alerts of a kind whose subject is not in `stillTrue`; answers how many. */
  resolveAllBut(kind: AlertKind, stillTrue: readonly string[], at: Date): Promise<number>;
  /** Dealers whose balance and open orders exceed their credit limit, owned by the dealer's manager. */
  creditOverruns(fallbackOwner: string | null): Promise<AlertCondition[]>;
  /** SKUs whose available stock fell below their safety stock. */
  stockBelowSafety(owner: string | null): Promise<AlertCondition[]>;
  /**
   * Tickets past their response target (hours by priority from filing): unassigned, or assigned and
   * not started. Owned by a technician's manager at the ticket's service point, else `fallbackOwner`.
   */
  lateTickets(at: Date, targetsHours: Record<'normal' | 'urgent', number>, fallbackOwner: string | null): Promise<AlertCondition[]>;
  /**
   * Competitor models whose median price in a region over the 7 days before `at` is more than `share`
   * under our comparable price (the mapped SKU's list price, else its category's median), owned by the
   * region's first supervisor (by their stores), else `fallbackOwner`.
   */
  competitorUndercuts(at: Date, share: number, fallbackOwner: string | null): Promise<AlertCondition[]>;
  /** Open invoices among these numbers (for resolving overdue alerts once paid). */
  openInvoices(numbers: readonly string[]): Promise<string[]>;
  /** Subjects of the open alerts of a kind. */
  openSubjects(kind: AlertKind): Promise<string[]>;
  /** The top of the hierarchy: a manager with no manager (the first by id). */
  topManager(): Promise<string | null>;
}

/** One-time codes an operator issues so that a person can link their chat with `/start CODE`. */
export interface LinkCodeStore {
  issue(personId: string, code: string, expiresAt: Date): Promise<void>;
  /** Uses a code once: the person it links, or why not. */
  redeem(code: string, usedBy: string, now: Date): Promise<{ personId: string } | { refused: 'unknown' | 'used' | 'expired' }>;
}

export interface CatalogStore {
  product(sku: string): Promise<Product | null>;
  skus(): Promise<string[]>;
  warehouseCodes(): Promise<string[]>;
  /** Which of these words (any case) are product, store or warehouse codes, as the catalogue spells them. */
  knownCodes(words: readonly string[]): Promise<KnownCodes>;
  /** A product (any case) with its availability per warehouse and the dealer's allocation of it, in one read; null: no such product. */
  stock(sku: string, dealer: string | null): Promise<ProductStock | null>;
  availability(sku: string): Promise<WarehouseAvailability[]>;
  dealerPrice(dealer: string, sku: string): Promise<DealerPrice | null>;
  /** A dealer's allocation of a SKU and the units their orders already hold of it; null: not allocated. */
  allocation(dealer: string, sku: string): Promise<{ quota: number; used: number } | null>;
}

export interface OrderStore {
  summary(number: string): Promise<OrderSummary | null>;
  /** open orders, newest first */
  openOrders(filter: { dealer?: string; driver?: string }, limit: number): Promise<OrderSummary[]>;
  /**
   * A dealer's credit limit, balance and the value of their open orders. `lock`: holds the dealer
   * row until the transaction ends, so two orders of one dealer are checked one after the other.
   */
  creditPosition(dealer: string, lock: boolean): Promise<CreditPosition | null>;
  create(order: NewOrder): Promise<string>;
  /** Removes an order created in this transaction that could not be placed after all. */
  discard(number: string): Promise<void>;
  /**
   * Reserves every line from the warehouses with the most available, all or nothing: stock never
   * goes below zero, and of two orders racing for the last units only one gets them.
   */
  reserve(number: string, lines: readonly { sku: string; qty: number }[]): Promise<{ reserved: true } | { short: { sku: string; available: number } }>;
  /** An order waiting for approval, with who asked for it; locked until the transaction ends. */
  pendingApproval(number: string): Promise<PendingOrder | null>;
  decide(number: string, decision: { status: 'approved' | 'rejected'; by: string; reason: string | null; at: Date }): Promise<void>;
  /**
   * Moves an order along its lifecycle (shipping, delivery, cancellation), with what that does to
   * its reserved stock; a move the lifecycle does not allow is refused.
   */
  setStatus(
    number: string,
    to: OrderStatus,
    details: { eta?: Date | null; driver?: string | null },
  ): Promise<OrderStatusChange | { refused: 'unknown' | { from: OrderStatus } }>;
  /** The people to tell about a dealer's order: who placed it, else the dealer's contacts. */
  contactsFor(number: string): Promise<string[]>;
}

export interface CreditPosition {
  creditLimit: number;
  balance: number;
  openValue: number;
}

export interface NewOrder {
  dealer: string;
  requestedBy: string;
  status: 'pending_approval' | 'approved';
  approvalReason: string | null;
  lines: readonly { sku: string; qty: number; unitPrice: number }[];
}

export interface PendingOrder {
  summary: OrderSummary;
  requestedBy: string | null;
  approvalReason: string | null;
  lines: { sku: string; qty: number }[];
}

/** One open dialog per person, saved with a version: a replayed or retried answer cannot act twice. */
export interface DialogStore {
  /** The person's open dialog, locked until the transaction ends, with when its step began. */
  open(personId: string): Promise<(SavedDialog & { since: Date }) | null>;
  /** Saves the next state; false when the version moved on (another answer got there first). */
  save(personId: string, dialog: Omit<SavedDialog, 'version'>, expectedVersion: number | null): Promise<boolean>;
  close(personId: string): Promise<void>;
}

export interface SavedDialog {
  kind: string;
  step: string;
  state: unknown;
  version: number;
  expiresAt: Date;
}

/** Opt-outs are per address and channel (STOP on SMS does not silence Telegram). */
export interface ContactStore {
  isOptedOut(channel: Channel, address: string): Promise<boolean>;
  /** true when this changed the state (a repeated STOP changes nothing) */
  setOptedOut(channel: Channel, address: string, optedOut: boolean, reason: string): Promise<boolean>;
}

/**
 * Counters every process shares (Redis) that judge a sender's traffic before it is answered:
 * nothing here refuses a message — it is stored already — only when and whether it is answered.
 */
export interface TrafficGuard {
  /** 0: answer it now; else how long to hold it back, and whether the sender is told so (once a spell) */
  pace(address: string): Promise<{ waitMs: number; tell: boolean }>;
  /** true when this sender sent this very text too often lately: a loop with another robot (an auto-reply bouncing) */
  echoing(address: string, text: string): Promise<boolean>;
  /** may an unregistered number be answered now: capped per number and per number prefix per hour (SMS pumping) */
  answerUnregistered(address: string): Promise<boolean>;
}

export interface InboxStore {
  /**
   * Marks a stored message processed, once, keeping how its text was read (a free text's reading,
   * or why it went unanswered) in the same row update: false when it was processed already (a
   * retried job acts no more).
   */
  claim(inboxId: string, personId: string | null, reading?: MessageReading | null): Promise<boolean>;
  /**
   * Marks a stored message processed (with its reading, as claim) and queues its replies, in one
   * statement: the answer to a message that changed nothing. null when the message was processed already.
   */
  answer(inboxId: string, personId: string | null, replies: OutboundMessage[], reading?: MessageReading | null): Promise<string[] | null>;
}

export interface OutboxStore {
  /**
   * Queues messages to send; they leave only after the surrounding transaction commits (the
   * store's after-commit work sends or enqueues them). A message whose dedupe key was planned
   * before is not added: answers the ids of those added.
   */
  add(messages: OutboundMessage[]): Promise<string[]>;
}

/**
 * What an import does besides its rows, inside their kind's transaction, so that the dealers'
 * notices commit with the change (and leave after it, as every outbox message does).
 */
export interface ImportEffects {
  /** the order statuses the import changed */
  orderStatus(tx: Store, changes: OrderStatusChange[]): Promise<unknown>;
  /** an approved return the import records received: stock back, the credit note, the dealer told */
  returnReceived(tx: Store, number: string): Promise<unknown>;
}

export interface ImportStore {
  /** Without `effects` (the command-line import), orders move and returns are received without notices. */
  apply(document: ValidatedDocument, effects?: ImportEffects): Promise<ImportReport>;
  /** What `apply` would report, found by applying it in one transaction that is rolled back: nothing is written, nobody is told. */
  preview(document: ValidatedDocument): Promise<ImportReport>;
}

/** Everything a command may read or change, bound to one transaction with its replies. */
export interface Store {
  people: PeopleStore;
  catalog: CatalogStore;
  orders: OrderStore;
  contacts: ContactStore;
  linkCodes: LinkCodeStore;
  dialogs: DialogStore;
  handoffs: HandoffStore;
  inbox: InboxStore;
  outbox: OutboxStore;
  invoices: InvoiceStore;
  alerts: AlertStore;
  attendance: AttendanceStore;
  sellOut: SellOutStore;
  incentives: IncentiveStore;
  vehicles: VehicleStore;
  deliveries: DeliveryStore;
  tickets: TicketStore;
  broadcasts: BroadcastStore;
  ledger: LedgerStore;
  returns: ReturnStore;
  rebates: RebateStore;
  roster: RosterStore;
  promotions: PromotionStore;
  competitors: CompetitorStore;
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
}

/** An outbox row claimed for sending. */
export interface OutboxMessage {
  id: string;
  channel: Channel;
  transport: Transport;
  to: string;
  text: string;
  keyboard: Keyboard | null;
  attempts: number;
  kind: MessageKind;
}

/** What a provider said about a send. */
export interface SendReceipt {
  providerId: string | null;
  status: DeliveryStatus;
}

/**
 * How long a sender waits for its provider's answer before the outcome is unknown. A send still
 * marked sending well beyond this was left by a process that died.
 */
export const sendTimeoutMs = 15_000;

/** Connection errors that mean a request never reached its provider: it certainly does not have the message (retry). */
export const notConnected: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Send failures are classified so that nothing accepted is sent twice. */
export class SendError extends Error {
  constructor(
    message: string,
    /** retry: the provider certainly did not take it; permanent: it never will; unknown: it may have */
    readonly kind: 'retry' | 'permanent' | 'unknown',
    readonly code: string | null,
    readonly details: {
      /** opted-out: the number replied STOP to the provider (Twilio 21610); blocked: the chat blocked the bot (Telegram 403) */
      unreachable?: 'opted-out' | 'blocked';
      /** the provider said when to try again (Telegram 429 retry_after) */
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
  }
}

export interface MessageSender {
  send(message: OutboxMessage, statusCallbackUrl: string | null): Promise<SendReceipt>;
  /**
   * The provider's messages that may be this one (same recipient and text, sent since `since`):
   * how a send whose outcome is unknown is settled. Absent where the provider cannot be asked (Telegram).
   */
  lookup?(message: OutboxMessage, since: Date): Promise<SendReceipt[]>;
}
