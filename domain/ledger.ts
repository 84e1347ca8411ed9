import { sumMoney } from './money';
import type { Person } from './people';
import { fail, ok, type Result } from './result';

/**
 * A dealer's account (issue 20): one ledger of entries, whose sum is the balance. An invoice raises
 * it and a payment lowers it (both from the import), a credit note for returned goods and a rebate
 * credit lower it, an adjustment corrects an invoice's amount; the first import of a dealer (or the
 * ledger's migration) opens it with the balance it brought. Nothing edits a balance but an entry:
 * the database keeps the dealer's balance equal to the sum (migration 023). Sums are taken by the
 * database in exact decimals; amounts here are currency units rounded to cents.
 */
export type LedgerKind = 'opening' | 'invoice' | 'payment' | 'credit-note' | 'rebate' | 'adjustment';

export interface LedgerEntry {
  dealer: string;
  kind: LedgerKind;
  /** what the dealer owes more (+) or less (−) */
  amount: number;
  currency: string;
  reference: string | null;
  note: string | null;
}

/** A dealer's account as BALANCE (余额, 对账) answers it, on the dealer's `today`. */
export interface DealerAccount {
  dealer: string;
  name: string;
  currency: string;
  creditLimit: number;
  /** the ledger's sum */
  balance: number;
  /** orders waiting for approval, approved or shipped: owed once invoiced, counted against the limit now */
  openOrders: number;
  overdue: { count: number; amount: number; oldestDue: string | null };
  nextDue: { date: string; amount: number } | null;
  /** rebates credited to the account so far this year */
  rebateCredit: number;
}

/** What the credit check, the credit alert and BALANCE all call headroom: limit − balance − open orders. */
export const headroom = (account: Pick<DealerAccount, 'creditLimit' | 'balance' | 'openOrders'>): number =>
  sumMoney([account.creditLimit, -account.balance, -account.openOrders]);

/** An import's balance for a dealer that differs from the ledger: reported, never written over. */
export interface BalanceDifference {
  dealer: string;
  ledger: number;
  imported: number;
  /** imported − ledger */
  difference: number;
}

/**
 * A month of a dealer's ledger: the balance it began with, what invoices added (with corrections),
 * what payments took off, what credit notes and rebates took off, and the balance it ended with.
 */
export interface Statement {
  dealer: string;
  /** YYYY-MM */
  month: string;
  currency: string;
  opening: number;
  invoiced: number;
  paid: number;
  credited: number;
  closing: number;
}

export interface LedgerStore {
  account(dealer: string, today: string): Promise<DealerAccount | null>;
  /** Posts entries (an opening, invoice, credit note or rebate once per reference); answers how many were posted. */
  post(entries: readonly LedgerEntry[]): Promise<number>;
  /** Every dealer with their dealer-role people (whom a statement goes to). */
  dealerContacts(): Promise<{ dealer: string; name: string; people: Person[] }[]>;
  /**
   * The month's statement over [from, to), made once: null when it was made before, or when the
   * dealer's ledger opened after the month ended (there is nothing to state).
   */
  makeStatement(dealer: string, month: string, from: Date, to: Date, at: Date): Promise<Statement | null>;
  /** The dealer's latest statement no one has answered yet. */
  pendingStatement(dealer: string): Promise<Statement | null>;
  /** Confirms or disputes a statement; false when it was answered already. */
  answerStatement(dealer: string, month: string, answer: { by: string; at: Date; confirmed: boolean; dispute: string | null }): Promise<boolean>;
}

/** A dealer's answer to their latest unanswered statement: confirmed, or disputed in their words; one answer stands. */
export async function answerStatement(
  ledger: LedgerStore,
  person: Person,
  answer: { confirmed: boolean; dispute: string | null },
  at: Date,
): Promise<Result<Statement>> {
  const pending = person.dealer ? await ledger.pendingStatement(person.dealer) : null;
  if (!pending || !(await ledger.answerStatement(pending.dealer, pending.month, { by: person.id, at, ...answer }))) return fail({ code: 'STATEMENT.NONE' });
  return ok(pending);
}
