import { fail, ok } from '../domain/result';
import type { StorePlace } from '../domain/attendance';
import type { Command } from './command';
import { isCode } from './lexer';

/** VISIT store-code [score] [note] (巡店): a supervisor records a store visit, scored 0–100. */
export const visit: Command<{ store: string; score: number | null; note: string | null }, { store: StorePlace; score: number | null }> = {
  keyword: 'VISIT',
  aliases: ['巡店'],
  roles: ['supervisor'],
  changesData: true,
  usage: { en: 'VISIT store-code [score 0-100] [note], e.g. VISIT S1 85 shelves tidy', zh: '巡店 门店编号 [评分0-100] [备注]，如 巡店 S1 85 陈列整齐' },
  parse([store, ...rest]) {
    if (!store || !isCode(store)) return fail({ code: 'USAGE' });
    const scored = rest[0] !== undefined && /^\d{1,3}$/.test(rest[0]);
    const score = scored ? Number(rest[0]) : null;
    if (score !== null && score > 100) return fail({ code: 'USAGE' });
    const note = (scored ? rest.slice(1) : rest).join(' ');
    return ok({ store, score, note: note || null });
  },
  async handle({ store, person, now }, { store: code, score, note }) {
    const place = await store.attendance.store(code);
    if (!place) return fail({ code: 'STORE.UNKNOWN', store: code });
    // A supervisor with assigned stores visits those; one without assignments may visit any.
    const assigned = await store.attendance.assignedStores(person!.id);
    if (assigned.length > 0 && !assigned.some((s) => s.code === place.code))
      return fail({ code: 'STORE.NOT_ASSIGNED', store: code, assigned: assigned.map((s) => s.code) });
    await store.attendance.recordVisit(person!.id, place.code, now, score, note);
    return ok({ store: place, score });
  },
  render: {
    en: ({ store, score }) => `Visit to ${store.code} ${store.name} recorded${score === null ? '' : `, score ${score}`}.`,
    zh: ({ store, score }) => `已记录巡店 ${store.code} ${store.name}${score === null ? '' : `，评分 ${score}`}。`,
  },
};
