import { distanceM, type Position } from './places';

/**
 * Deliveries that know where they are: a shipped order's stops, arrival when a ping comes within
 * the radius of the next stop, and an ETA from the remaining distance and the vehicle's recent speed.
 */
export interface DeliveryStop {
  seq: number;
  place: string;
  name: string;
  position: Position;
  arrivedAt: Date | null;
  doneAt: Date | null;
}

export interface Delivery {
  order: string;
  dealer: string;
  stops: DeliveryStop[];
}

export interface DeliveryPolicy {
  arrivalRadiusM: number;
  /** the ETA's speed is the vehicle's recent average, kept within these bounds (km/h) */
  minSpeedKmh: number;
  maxSpeedKmh: number;
}

/** The next stop not done yet, or null when the delivery is complete. */
export const nextStop = (delivery: Delivery): DeliveryStop | null => delivery.stops.find((s) => !s.doneAt) ?? null;

/** Average speed over a track (oldest first), km/h; null with fewer than two fixes or no time between them. */
export function averageSpeedKmh(track: readonly { position: Position; at: Date }[]): number | null {
  if (track.length < 2) return null;
  const hours = (track.at(-1)!.at.getTime() - track[0]!.at.getTime()) / 3_600_000;
  if (hours <= 0) return null;
  const km = track.slice(1).reduce((sum, fix, i) => sum + distanceM(track[i]!.position, fix.position), 0) / 1000;
  return km / hours;
}

/** When the vehicle should reach its next stop: the distance there at its recent speed, within the policy's bounds. */
export function etaAt(from: Position, at: Date, delivery: Delivery, speedKmh: number | null, policy: DeliveryPolicy): Date {
  const next = nextStop(delivery);
  if (!next) return at;
  const speed = Math.min(policy.maxSpeedKmh, Math.max(policy.minSpeedKmh, speedKmh ?? policy.minSpeedKmh));
  return new Date(at.getTime() + (distanceM(from, next.position) / 1000 / speed) * 3_600_000);
}
