import { alertEscalation } from './alerts';
import { birthdays } from './birthdays';
import { dunning } from './dunning';
import { rebates } from './rebates';
import { checkinReminders, salesReminders } from './promoterReminders';
import { staleVehicles } from './staleVehicles';
import { statements } from './statements';
import type { ProactiveJob } from './job';

/** The recurring proactive jobs by the names operators run them by: one file plus one line here. */
export const jobs = {
  dunning,
  birthdays,
  'alert-escalation': alertEscalation,
  'checkin-reminders': checkinReminders,
  'sales-reminders': salesReminders,
  'stale-vehicles': staleVehicles,
  statements,
  rebates,
} satisfies Record<string, ProactiveJob>;
export type JobName = keyof typeof jobs;
