/** Stores and positions, as attendance and the ports see them. */

export interface Position {
  lat: number;
  lon: number;
}

export interface StorePlace {
  code: string;
  name: string;
  position: Position | null;
  timezone: string | null;
}

export interface CheckIn {
  id: string;
  store: string;
  openedAt: Date;
}
