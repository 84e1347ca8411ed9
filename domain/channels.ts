/** The channel a person uses; a transport is how we reach them on it (twilio or the simulator for sms). */
export const channels = ['sms', 'telegram'] as const;
export type Channel = (typeof channels)[number];
export const transports = ['twilio', 'telegram', 'simulator'] as const;
export type Transport = (typeof transports)[number];
