/** A driver's position report, as stored: where, how precise, and when the device (else we) saw it. */
export interface Ping {
  driver: string;
  lat: number;
  lon: number;
  accuracyM: number | null;
  speedKmh: number | null;
  reportedAt: Date;
  receivedAt: Date;
  form: string;
  inboxId: string | null;
  /** Telegram live location: still shared until then; null when the ping is not live, or sharing ended */
  liveUntil: Date | null;
}

/** Where a vehicle is: its latest ping by device time. */
export interface VehiclePosition {
  driver: string;
  lat: number;
  lon: number;
  reportedAt: Date;
  receivedAt: Date;
  liveUntil: Date | null;
}
