import { DateTime } from 'luxon';
import { fail, ok } from '../domain/result';
import type { VehiclePosition } from '../domain/vehicles';
import { nextStop } from '../domain/deliveries';
import type { Position } from '../domain/places';
import type { Command, CommandContext } from './command';
import { followDeliveries } from './deliveryNotices';
import { parseLocation, type Fix } from './location';

interface Located {
  fix: Fix;
  reportedAt: Date;
  /** false: an older ping than the vehicle's position (kept in the track; the vehicle stays) */
  moved: boolean;
  position: VehiclePosition;
  live: 'start' | 'update' | 'end' | null;
}

/** A short Plus Code is completed near the vehicle's position of the last day, else near the stop it drives to. */
async function nearDriver({ store, person, now }: CommandContext): Promise<Position | null> {
  const vehicle = await store.vehicles.position(person!.id);
  if (vehicle && now.getTime() - vehicle.reportedAt.getTime() < 24 * 3600_000) return { lat: vehicle.lat, lon: vehicle.lon };
  const [delivery] = await store.deliveries.activeFor(person!.id);
  const stop = delivery ? nextStop(delivery) : null;
  return stop?.position ?? null;
}

/**
 * LOC lat lon (位置, WZ), and every other location form a driver may send (a bare `lat,lon`, a
 * `geo:` URI, a map link, a tracker's report, a Telegram location): a ping of their vehicle.
 */
export const loc: Command<{ text: string }, Located> = {
  keyword: 'LOC',
  aliases: ['位置', 'wz'],
  roles: ['driver'],
  changesData: true,
  usage: { en: 'LOC lat lon, e.g. LOC 31.2304 121.4737, or share your location', zh: '位置 纬度 经度，如 位置 31.2304 121.4737，或直接发送位置' },
  parse: (args) => (args.length > 0 ? ok({ text: args.join(' ') }) : fail({ code: 'USAGE' })),
  async handle(context, { text }) {
    const { store, person, message, timezone, now } = context;
    // Only a short Plus Code needs a point near the driver: the lookup is made for it alone.
    const first = parseLocation(text, { near: null, explicit: true });
    const reading =
      first?.ok === false && first.refused === 'needs-full-code' ? parseLocation(text, { near: await nearDriver(context), explicit: true }) : first;
    if (!reading || !reading.ok) return fail({ code: 'LOCATION.UNREADABLE', reason: reading ? reading.refused : 'unrecognised', asked: 'loc' });
    const { fix } = reading;
    const device = fix.reportedAt ? DateTime.fromObject(fix.reportedAt, { zone: timezone }) : null;
    const reportedAt = device?.isValid ? device.toJSDate() : now;
    const live = message.payload?.kind === 'location' ? message.payload : null;
    const { position, moved } = await store.vehicles.record({
      driver: person!.id,
      lat: fix.lat,
      lon: fix.lon,
      accuracyM: fix.accuracyM,
      speedKmh: fix.speedKmh,
      reportedAt,
      receivedAt: now,
      form: live ? 'telegram' : fix.form,
      inboxId: message.inboxId,
      liveUntil: live?.liveUntil && live.live !== 'end' ? new Date(live.liveUntil) : null,
    });
    if (moved) await followDeliveries(context, { lat: fix.lat, lon: fix.lon }, reportedAt);
    // Each move of a live location is a ping; only its start and end are answered.
    if (live?.live === 'update') return { ok: true, silent: true };
    return ok({ fix, reportedAt, moved, position, live: live?.live ?? null });
  },
  render: {
    en: ({ fix, reportedAt, moved, position, live }, { timezone }) => {
      const time = (at: Date) => DateTime.fromJSDate(at, { zone: timezone }).toFormat('HH:mm');
      const where = `${fix.lat.toFixed(5)}, ${fix.lon.toFixed(5)}`;
      if (live === 'end') return `Live location ended at ${where}.`;
      if (live === 'start' && position.liveUntil) return `Live location received at ${where}: following until ${time(position.liveUntil)}.`;
      return moved
        ? `Position ${where} received (${time(reportedAt)}).`
        : `Position ${where} of ${time(reportedAt)} is older than the last (${time(position.reportedAt)}): kept in the track.`;
    },
    zh: ({ fix, reportedAt, moved, position, live }, { timezone }) => {
      const time = (at: Date) => DateTime.fromJSDate(at, { zone: timezone }).toFormat('HH:mm');
      const where = `${fix.lat.toFixed(5)}, ${fix.lon.toFixed(5)}`;
      if (live === 'end') return `实时位置已结束：${where}。`;
      if (live === 'start' && position.liveUntil) return `已收到实时位置 ${where}，跟踪至 ${time(position.liveUntil)}。`;
      return moved
        ? `已收到位置 ${where}（${time(reportedAt)}）。`
        : `位置 ${where}（${time(reportedAt)}）早于上一条（${time(position.reportedAt)}），已存入轨迹。`;
    },
  },
};
