import { toHandoff, type HandoffRow } from './handoffStore';
import type { Language, Person, Role } from '../../domain/people';
import { statement } from './sql';

/** People as the store reads them, with their open dialog's step and their handoff (joins shared by every lookup: `personJoins`). */
export const personColumns = `people.id, people.name, people.role, people.phone, people.telegram_id, people.wechat_id, people.language, people.timezone,
  people.dealer, people.manager, people.service_point, people.telegram_blocked_at is not null as telegram_blocked,
  people.wechat_blocked_at is not null as wechat_blocked, d.expires_at as dialog_expires_at, d.step as dialog_step, d.updated_at as dialog_since,
  case when h.person is null then null else json_build_object('operator', h.operator::text, 'peer', h.peer, 'channel', h.channel, 'transport', h.transport,
    'since', h.since, 'last_at', h.last_at) end as handoff`;
export const personJoins = 'left join dialogs d on d.person = people.id left join handoffs h on h.person = people.id';
export const selectPerson = `select ${personColumns} from people ${personJoins}`;
export const personByPhone = statement('people.by_phone', `${selectPerson} where phone = $1`);
export const peopleByPhones = statement('people.by_phones', `${selectPerson} where phone = any($1::text[])`);
export const personByTelegramId = statement('people.by_telegram_id', `${selectPerson} where telegram_id = $1`);
export const personByWechatId = statement('people.by_wechat_id', `${selectPerson} where wechat_id = $1`);
export interface PersonRow {
  id: string;
  name: string;
  role: Role;
  phone: string | null;
  telegram_id: string | null;
  wechat_id: string | null;
  language: Language | null;
  timezone: string | null;
  dealer: string | null;
  manager: string | null;
  service_point: string | null;
  telegram_blocked: boolean;
  wechat_blocked: boolean;
  dialog_expires_at: Date | null;
  dialog_step: string | null;
  dialog_since: Date | null;
  handoff: HandoffRow | null;
}
export const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  name: row.name,
  role: row.role,
  phone: row.phone,
  telegramId: row.telegram_id,
  wechatId: row.wechat_id,
  language: row.language,
  timezone: row.timezone,
  dealer: row.dealer,
  manager: row.manager,
  servicePoint: row.service_point,
  telegramBlocked: row.telegram_blocked,
  wechatBlocked: row.wechat_blocked,
  dialogExpiresAt: row.dialog_expires_at ? new Date(row.dialog_expires_at) : null,
  dialogStep: row.dialog_step,
  dialogSince: row.dialog_since ? new Date(row.dialog_since) : null,
  handoff: row.handoff ? toHandoff(row.handoff) : null,
});
