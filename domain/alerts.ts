/**
 * Alerts, after the SDM early-warning design: an event goes to the person who owns it; if nobody
 * acknowledges it by its deadline it escalates one level up the owner's manager chain, and on to
 * the top, each level told once. Issues to come add kinds (a silent vehicle, a late ticket).
 */
export const alertKinds = ['credit-limit', 'safety-stock', 'invoice-overdue', 'vehicle-silent', 'ticket-late', 'competitor-undercut'] as const;
export type AlertKind = (typeof alertKinds)[number];

/** Something that warrants an alert now: raised once while it lasts. */
export interface AlertCondition {
  kind: AlertKind;
  /** what it is about: a dealer code, a SKU, an invoice number */
  subject: string;
  owner: string;
  details: Record<string, string | number>;
}

export interface Alert extends AlertCondition {
  id: string;
  /** 0: the owner holds it; n: the n-th manager above the owner */
  level: number;
  holder: string;
  /** when it escalates unless acknowledged; null once the top of the chain holds it */
  deadline: Date | null;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

/** Who holds an alert after one more escalation, or null at the top of the chain. */
export function nextHolder(alert: Pick<Alert, 'level'>, chain: readonly string[]): { level: number; holder: string } | null {
  const holder = chain[alert.level];
  return holder ? { level: alert.level + 1, holder } : null;
}

/** Who may acknowledge: the owner and anyone up their chain (those told, and those who would be). */
export const mayAcknowledge = (alert: Pick<Alert, 'owner'>, chain: readonly string[], personId: string): boolean =>
  alert.owner === personId || chain.includes(personId);
