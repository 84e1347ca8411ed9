import type { CommandName } from '../index';
import type { Entities } from './entities';

/**
 * What each intent of the corpus stands for. A command intent forms the command a person would
 * have typed; `reads` ones are answered at once, `writes` ones are only ever proposed.
 */
export interface CommandIntent {
  command: CommandName;
  acts: 'reads' | 'writes';
  /** the command's arguments from the entities (missing ones left out) and the text itself */
  args(entities: Entities, text: string): (string | null | undefined)[];
}

const first = (entities: Entities) => entities.items[0]?.sku;
const items = (entities: Entities) => entities.items.flatMap((item) => [item.sku, item.qty === null ? null : String(item.qty)]);
const number = (entities: Entities) => entities.numbers[0];

export const commandIntents: Record<string, CommandIntent> = {
  stock: { command: 'stock', acts: 'reads', args: (e) => [first(e), e.warehouse] },
  price: { command: 'price', acts: 'reads', args: (e) => [first(e), e.items[0]?.qty?.toString()] },
  status: { command: 'status', acts: 'reads', args: (e) => [number(e)] },
  // TICKET n alone is the ticket's status; a technician's START and DONE are never formed from free text.
  ticket: { command: 'ticket', acts: 'reads', args: (e) => [number(e)] },
  pay: { command: 'pay', acts: 'reads', args: (e) => [e.month] },
  help: { command: 'help', acts: 'reads', args: () => [] },
  order: { command: 'order', acts: 'writes', args: items },
  sales: { command: 'sales', acts: 'writes', args: (e) => [e.date, ...items(e)] },
  checkin: { command: 'in', acts: 'writes', args: (e) => [e.store] },
  checkout: { command: 'out', acts: 'writes', args: () => [] },
  visit: { command: 'visit', acts: 'writes', args: (e) => [e.store, number(e)] },
  // A driver's coordinates, links and tracker texts are LOC before any understanding; words alone form no position.
  loc: { command: 'loc', acts: 'writes', args: () => [] },
  done: { command: 'done', acts: 'writes', args: (e) => [number(e)] },
  // The description is the person's own words, as they wrote them; with no product named, FIX alone asks for both.
  fix: { command: 'fix', acts: 'writes', args: (e, text) => (first(e) ? [first(e), text] : []) },
  approve: { command: 'approve', acts: 'writes', args: (e) => [number(e)] },
  reject: { command: 'reject', acts: 'writes', args: (e) => [number(e)] },
  ack: { command: 'ack', acts: 'writes', args: (e) => [number(e)] },
  lang: { command: 'lang', acts: 'writes', args: (e) => [e.language?.toUpperCase()] },
  stop: { command: 'stop', acts: 'writes', args: () => [] },
  start: { command: 'start', acts: 'writes', args: () => [] },
};

/** Intents answered with a word of their own: greetings, thanks, chat, and a yes or no typed in other words. */
export const socialIntents = ['greeting', 'thanks', 'goodbye', 'smalltalk', 'yes', 'no'] as const;
export type SocialIntent = (typeof socialIntents)[number];

/** What text that is about none of this is trained as: it gets the sender's HELP. */
export const noIntent = 'none';
