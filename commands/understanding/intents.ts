import type { CommandName } from '../index';
import type { Entities } from './entities';
import { asksFor, asksForPrice, isQuestion } from './evidence';

/**
 * What each intent of the corpus stands for. A command intent forms the command a person would
 * have typed; `reads` ones are answered at once, `writes` ones are only ever proposed, and only
 * with evidence: words that ask for it (`asks`) and the entities the command needs (`needs`).
 * Asked for but missing what it needs, the answer is the command's usage; not asked for, it is
 * the read the text is closest to (`instead`: a price question, the status of the order a
 * question names), or nothing.
 */
export type CommandIntent =
  | { command: CommandName; acts: 'reads'; args: Args }
  | {
      command: CommandName;
      acts: 'writes';
      args: Args;
      asks(text: string): boolean;
      needs(entities: Entities, text: string): boolean;
      instead?(entities: Entities, text: string): ReadIntent | null;
    };

/** the command's arguments from the entities (missing ones left out) and the text itself */
type Args = (entities: Entities, text: string) => (string | null | undefined)[];

const first = (entities: Entities) => entities.items[0]?.sku;
const items = (entities: Entities) => entities.items.flatMap((item) => [item.sku, item.qty === null ? null : String(item.qty)]);
const number = (entities: Entities) => entities.numbers[0];
/** An order's number: one standing alone, or `order 2002`, which the entities read as a count after `order`. */
const orderNumber = (entities: Entities, text: string) => number(entities) ?? /\border\s*#?\s*(\d{3,})\b/i.exec(text)?.[1];
const counted = (entities: Entities) => entities.items.length > 0 && entities.items.every((item) => item.qty !== null);
const numbered = (entities: Entities) => number(entities) !== undefined;
const nothing = () => true;

const readIntents = ['stock', 'price', 'status', 'balance', 'rebate', 'ticket', 'pay', 'help'] as const;
export type ReadIntent = (typeof readIntents)[number];

/** A question about an order, or a decision on it in other words: its status (with its approval and delivery). */
const orderStatus = () => 'status' as const;
/** An order that asks a price (`can u quote me 5 C300`), or only names a product: the price or the stock. */
const priceOrStock = (e: Entities, text: string): ReadIntent | null => (asksForPrice(text) ? 'price' : first(e) ? 'stock' : null);

export const commandIntents: Record<string, CommandIntent> = {
  stock: { command: 'stock', acts: 'reads', args: (e) => [first(e), e.warehouse] },
  price: { command: 'price', acts: 'reads', args: (e) => [first(e), e.items[0]?.qty?.toString()] },
  status: { command: 'status', acts: 'reads', args: (e) => [number(e)] },
  balance: { command: 'balance', acts: 'reads', args: () => [] },
  rebate: { command: 'rebate', acts: 'reads', args: () => [] },
  // TICKET n alone is the ticket's status; a technician's START and DONE are never formed from free text.
  ticket: { command: 'ticket', acts: 'reads', args: (e) => [number(e)] },
  pay: { command: 'pay', acts: 'reads', args: (e) => [e.month] },
  help: { command: 'help', acts: 'reads', args: () => [] },
  order: { command: 'order', acts: 'writes', args: items, asks: asksFor.order, needs: counted, instead: priceOrStock },
  sales: { command: 'sales', acts: 'writes', args: (e) => [e.date, ...items(e)], asks: asksFor.sales, needs: counted, instead: priceOrStock },
  checkin: { command: 'in', acts: 'writes', args: (e) => [e.store], asks: asksFor.checkin, needs: (e) => e.store !== null },
  checkout: { command: 'out', acts: 'writes', args: () => [], asks: asksFor.checkout, needs: nothing },
  visit: { command: 'visit', acts: 'writes', args: (e) => [e.store, number(e)], asks: asksFor.visit, needs: (e) => e.store !== null },
  // A driver's coordinates, links and tracker texts are LOC before any understanding; words alone form no position.
  loc: { command: 'loc', acts: 'writes', args: () => [], asks: () => false, needs: () => false },
  done: { command: 'done', acts: 'writes', args: (e) => [number(e)], asks: asksFor.done, needs: numbered, instead: orderStatus },
  // The description is the person's own words, as they wrote them; with no product code named, FIX alone asks for both.
  // A question about a numbered request (`报修单88处理得怎么样了`) is that ticket's status.
  fix: {
    command: 'fix',
    acts: 'writes',
    args: (e, text) => (first(e) ? [first(e), text] : []),
    asks: asksFor.fix,
    needs: (e) => first(e) !== undefined,
    instead: (e, text) => (numbered(e) && isQuestion(text) ? 'ticket' : null),
  },
  // RETURN order sku qty reason: the reason is the dealer's own words, as they wrote them. A question about a return is the order's status.
  return: {
    command: 'return',
    acts: 'writes',
    args: (e, text) => [orderNumber(e, text), first(e), e.items[0]?.qty?.toString(), text],
    asks: asksFor.return,
    needs: (e, text) => orderNumber(e, text) !== undefined && counted(e),
    instead: (e) => (numbered(e) ? 'status' : null),
  },
  approve: { command: 'approve', acts: 'writes', args: (e) => [number(e)], asks: asksFor.approve, needs: numbered, instead: orderStatus },
  reject: { command: 'reject', acts: 'writes', args: (e) => [number(e)], asks: asksFor.reject, needs: numbered, instead: orderStatus },
  ack: { command: 'ack', acts: 'writes', args: (e) => [number(e)], asks: asksFor.ack, needs: numbered },
  // A notice's text is the sender's own words as they will go out: never formed from free text. Asked for, the answer is NOTICE's usage.
  notice: { command: 'notice', acts: 'writes', args: () => [], asks: asksFor.notice, needs: () => false },
  lang: { command: 'lang', acts: 'writes', args: (e) => [e.language?.toUpperCase()], asks: asksFor.lang, needs: (e) => e.language !== null },
  stop: { command: 'stop', acts: 'writes', args: () => [], asks: asksFor.stop, needs: nothing },
  start: { command: 'start', acts: 'writes', args: () => [], asks: asksFor.start, needs: nothing },
};

export const isReadIntent = (intent: string): intent is ReadIntent => (readIntents as readonly string[]).includes(intent);

/** Intents answered with a word of their own: greetings, thanks, chat, and a yes or no typed in other words. */
export const socialIntents = ['greeting', 'thanks', 'goodbye', 'smalltalk', 'yes', 'no'] as const;
export type SocialIntent = (typeof socialIntents)[number];

/** What text that is about none of this is trained as: it gets the sender's HELP. */
export const noIntent = 'none';

/** How sure the classifier must be, per family of intents: a kind word may be said on less certainty than a proposal. */
export interface Thresholds {
  social: number;
  read: number;
  write: number;
}
export type Family = keyof Thresholds;

export function familyOf(intent: string): Family | null {
  if ((socialIntents as readonly string[]).includes(intent)) return 'social';
  const command = commandIntents[intent];
  return command ? (command.acts === 'reads' ? 'read' : 'write') : null;
}
