import type { Language } from '../../domain/people';
import type { ErrorTexts, ReplyError } from './types';
import { alertsErrors } from './alerts';
import { attendanceErrors } from './attendance';
import { broadcastsErrors } from './broadcasts';
import { deskErrors } from './desk';
import { handoffErrors } from './handoff';
import { ledgerErrors } from './ledger';
import { returnsErrors } from './returns';
import { competitorErrors } from './competitors';
import { linkingErrors } from './linking';
import { locationsErrors } from './locations';
import { ordersErrors } from './orders';
import { payErrors } from './pay';
import { sellOutErrors } from './sellOut';
import { sharedErrors } from './shared';
import { ticketsErrors } from './tickets';

/**
 * Every refusal's words: one file per feature in commands/errors/, joined here. A code added to
 * DomainError or ParseError without its words does not compile; a feature adds its own file and a
 * line here.
 */
const texts: ErrorTexts<ReplyError['code']> = {
  ...sharedErrors,
  ...ordersErrors,
  ...linkingErrors,
  ...alertsErrors,
  ...attendanceErrors,
  ...sellOutErrors,
  ...payErrors,
  ...locationsErrors,
  ...ticketsErrors,
  ...deskErrors,
  ...broadcastsErrors,
  ...handoffErrors,
  ...ledgerErrors,
  ...returnsErrors,
  ...competitorErrors,
};

export function errorText(error: ReplyError, language: Language): string {
  return (texts[error.code][language] as (error: ReplyError) => string)(error);
}
