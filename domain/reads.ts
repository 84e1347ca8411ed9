import type { Statement } from './ledger';
import type { AlertKind } from './alerts';
import type { Channel } from './channels';
import type { Ticket, TicketPriority, TicketStatus } from './tickets';
import type { Ping } from './vehicles';

/**
 * What the people who run the network look at: listings and figures over many rows, read outside
 * any command's transaction. The REST API (and the console) read through this port; writes go
 * through the Store and the operations that SMS commands use too.
 */
export interface OperatorReads {
  /** Sold units and value of current reports whose day is in [from, to] (days, inclusive), by store, SKU or the store's dealer's region. */
  sellOutTotals(range: DayRange, groupBy: 'store' | 'sku' | 'region'): Promise<SellOutTotal[]>;
  /** The current reports of [from, to] with their lines and flags; `flagged`: only those awaiting acceptance (true) or the others (false). */
  sellOutReports(range: DayRange, flagged: boolean | null): Promise<SellOutReportView[]>;
  /** Check-ins opened on the local days [from, to] of `zone`, with their distance and flag. */
  checkIns(range: DayRange, flagged: boolean | null, zone: string): Promise<CheckInView[]>;
  tickets(filter: { status: TicketStatus | null; servicePoint: string | null }): Promise<TicketView[]>;
  /** Response (filed → started) and resolution (filed → resolved) hours by service point, of tickets filed in [from, to). */
  serviceTimes(from: Date, to: Date): Promise<ServiceTimes[]>;
  /** Every vehicle's last position, with the delivery it is on. */
  fleet(): Promise<VehicleView[]>;
  /** Everyone who has messages, with their latest one, newest first; the filters narrow the messages considered. */
  conversations(filter: ConversationFilter): Promise<ConversationView[]>;
  /** People whose name, id or phone contains the text, or whose role it is (all when null), by name. */
  people(search: string | null, limit: number): Promise<PersonSummary[]>;
  /** One person as the console shows them: where they belong, who is above them, how they are reached. */
  person(id: string): Promise<PersonView | null>;
  /** A driver's pings whose device time is in [from, to); null when there is no such driver. */
  track(driver: string, from: Date, to: Date): Promise<PingView[] | null>;
  /** Orders waiting for approval, longest waiting first, with what a manager decides on. */
  approvals(): Promise<ApprovalView[]>;
  /** Open alerts, those still escalating first (nearest deadline first), with who was told at each level. */
  openAlerts(): Promise<AlertView[]>;
  /** The outbox's messages that wait, failed or were cancelled, by filter, newest first (scheduled: soonest first). */
  outbox(filter: OutboxFilter): Promise<OutboxRow[]>;
  /** The service board's tickets: every one not closed or cancelled, and those closed in the last `doneDays` days, with their filer. */
  ticketBoard(filter: { servicePoint: string | null; doneDays: number }): Promise<BoardTicket[]>;
  /** One ticket's board card, or null. */
  boardTicket(number: string): Promise<BoardTicket | null>;
  servicePoints(): Promise<{ code: string; name: string }[]>;
  /** Every driver (all, or these) with their last position and speed, and the shipped orders they carry with their stops. */
  vehicleBoard(drivers: readonly string[] | null): Promise<BoardVehicle[]>;
}

/** A driver as the console's vehicles map shows them. */
export interface BoardVehicle {
  id: string;
  name: string;
  /** null: never pinged */
  position: { lat: number; lon: number; speedKmh: number | null; reportedAt: Date } | null;
  deliveries: {
    order: string;
    eta: Date | null;
    stops: { seq: number; name: string; lat: number; lon: number; arrivedAt: Date | null; doneAt: Date | null }[];
  }[];
}

/** A ticket as the console's service board shows it. */
export interface BoardTicket {
  number: string;
  filer: { id: string; name: string; peer: string | null };
  sku: string;
  serial: string | null;
  description: string;
  priority: TicketPriority;
  status: TicketStatus;
  servicePoint: { code: string; name: string } | null;
  lastUpdate: string | null;
  createdAt: Date;
  startedAt: Date | null;
  /** a Telegram photo's file id, sent with the request */
  photo: string | null;
}

export interface OutboxFilter {
  /** scheduled: pending, not yet due or held for a window; failed: failed, undelivered, or unknown for 10 minutes; cancelled */
  view: 'scheduled' | 'failed' | 'cancelled';
  kind: string | null;
  channel: Channel | null;
  code: string | null;
  /** created in [from, to) */
  from: Date | null;
  to: Date | null;
  limit: number;
}

export interface OutboxRow {
  id: string;
  recipient: string;
  person: { id: string; name: string; timezone: string | null } | null;
  channel: Channel;
  kind: string;
  status: string;
  text: string;
  createdAt: Date;
  /** when it may go (a proactive message held for its recipient's window or the next day's cap) */
  dueAt: Date | null;
  code: string | null;
  /** why it was planned (the job's reason), for proactive messages */
  reason: string | null;
  /** why the contact gate held it back, when it did */
  heldFor: 'quiet-hours' | 'daily-cap' | null;
}

/** An open alert as the console's Alerts view shows it. */
export interface AlertView {
  id: string;
  kind: AlertKind;
  subject: string;
  details: Record<string, unknown>;
  owner: { id: string; name: string };
  holder: { id: string; name: string };
  level: number;
  raisedAt: Date;
  /** when it climbs to the next level unless acknowledged; null: acknowledged, or at the top */
  deadline: Date | null;
  acknowledged: { by: string; at: Date } | null;
  /** who was told, level by level: the message's recipient, when it went (or is due to) and what became of it */
  trail: { level: number; person: string; at: Date; status: string }[];
  /** the owner and their managers, nearest first: who may acknowledge or resolve */
  chain: string[];
}

/** An order waiting for its approval, as the console's Approvals view shows it. */
export interface ApprovalView {
  /** what waits: an order, a return of goods (R…) or a rebate application (RB…) */
  of: 'order' | 'return' | 'rebate';
  number: string;
  /** a return's order and reason; a rebate's policy and period */
  about: { order: string; reason: string } | { policy: string; period: string } | null;
  dealer: { code: string; name: string; creditLimit: number; balance: number; otherOpenValue: number };
  requester: { id: string; name: string } | null;
  /** why an order waits: over the dealer's credit headroom, or above ORDER_APPROVAL_ABOVE */
  reason: 'credit' | 'amount' | null;
  lines: { sku: string; name: string; nameZh: string | null; qty: number; price: number }[];
  total: number;
  since: Date;
  /** who may decide: the requester's managers, nearest first */
  chain: { id: string; name: string }[];
}

/** A sell-out report's line as the figures export it. */
export interface SellOutLine {
  day: string;
  store: string;
  storeName: string;
  region: string;
  sku: string;
  productName: string;
  productNameZh: string | null;
  qty: number;
  unitPrice: number;
  value: number;
  person: string;
  personName: string;
  awaitingReview: boolean;
}

/** Invoices whose last reminder was one dunning step, and what came of them. */
export interface DunningOutcome {
  /** days from the due date */
  step: number;
  invoices: number;
  paid: number;
  amount: number;
  recovered: number;
}

export interface DayRange {
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD, inclusive */
  to: string;
}

export interface SellOutTotal {
  key: string;
  units: number;
  value: number;
  reports: number;
  /** flagged reports not accepted yet */
  flaggedUnaccepted: number;
}

export interface SellOutReportView {
  id: string;
  person: string;
  store: string;
  day: string;
  submittedAt: Date;
  flags: unknown[];
  acceptedAt: Date | null;
  acceptedBy: string | null;
  lines: { sku: string; qty: number; unitPrice: number }[];
}

export interface CheckInView {
  id: string;
  person: string;
  store: string;
  openedAt: Date;
  closedAt: Date | null;
  closeReason: string | null;
  distanceM: number | null;
  flagged: boolean;
  /** with a roster: the shift it belongs to and minutes late (null: no roster, or no shift); at no rostered shift */
  shiftStart: Date | null;
  lateMinutes: number | null;
  offRoster: boolean;
}

/** A ticket as the desk lists it: its service point by code, and when each step of its life happened. */
export type TicketView = Omit<Ticket, 'servicePoint' | 'updatedAt'> & {
  servicePoint: string | null;
  assignedAt: Date | null;
  startedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
};

export interface ServiceTimes {
  servicePoint: string;
  tickets: number;
  responseHours: { median: number | null; p90: number | null };
  resolutionHours: { median: number | null; p90: number | null };
}

export interface VehicleView {
  id: string;
  driver: string;
  lat: number;
  lon: number;
  reportedAt: Date;
  liveUntil: Date | null;
  delivery: { order: string; eta: Date | null; nextStop: string | null } | null;
}

/** A ping as a track shows it. */
export type PingView = Omit<Ping, 'driver' | 'inboxId' | 'liveUntil'>;

export interface PersonSummary {
  id: string;
  name: string;
  role: string;
  phone: string | null;
  telegramId: string | null;
  wechatId: string | null;
  language: string | null;
}

export interface PersonView extends PersonSummary {
  timezone: string | null;
  dealer: string | null;
  stores: string[];
  servicePoint: string | null;
  /** their manager, that manager's manager, … */
  managers: { id: string; name: string }[];
  optOuts: { channel: string; address: string; reason: string; at: Date }[];
}

export interface ConversationFilter {
  /** in a message's text, the peer's address, or the person's name */
  search: string | null;
  channel: Channel | null;
  /** a message's status (received, processed, delivered, failed, …) */
  status: string | null;
  /** an outbound message's kind (reply, dunning, …) */
  kind: string | null;
  /** local days, inclusive, in `zone` */
  from: string | null;
  to: string | null;
  zone: string;
  limit: number;
  /** one conversation only (the console's live list updates its row) */
  peer?: string | null;
}

export interface ConversationView {
  peer: string;
  channel: string;
  person: { id: string; name: string } | null;
  last: { direction: 'in' | 'out'; text: string; status: string; at: Date };
  messages: number;
}

/** Why the bot left something to a person, in the console's Needs attention queue. */
export type AttentionReason = 'not-understood' | 'reply-to-proactive' | 'unregistered' | 'failed-send' | 'disputed-statement';

export interface AttentionItem {
  /** `in:<inbox id>`, `out:<outbox id>` or `statement:<dealer>:<month>` */
  item: string;
  reason: AttentionReason;
  peer: string;
  channel: string;
  person: { id: string; name: string } | null;
  text: string;
  at: Date;
  /** a failed send's provider code */
  errorCode: string | null;
  /** what a reply answered: the proactive message's kind (dunning, birthday, …) */
  answered: string | null;
  /** the broadcast it answered, when it answered one */
  broadcast?: string | null;
  /** the statement a dispute is about */
  statement?: Statement | null;
}

/** The Needs attention queue: what the bot could not handle, until an operator handles it. */
export interface AttentionDesk {
  /** Unhandled items of the last `days` days, newest first. */
  items(days: number, limit: number): Promise<AttentionItem[]>;
  /** Marks an item handled; false when it was already. */
  mark(item: string, operatorId: string, action: 'handled' | 'resent' | 'taken-over', at: Date): Promise<boolean>;
  /**
   * Queues a failed send again, once (a second resend of the same message adds nothing), and marks
   * it resent; refused when it did not fail or its recipient opted out on its channel.
   */
  resend(outboxId: string, operatorId: string, at: Date): Promise<{ resent: string } | { refused: 'not-failed' | 'opted-out' | 'resent-already' }>;
}
