import { DateTime } from 'luxon';
import { nextOpening } from '../../domain/contactPolicy';
import { raiseAlert } from './alerts';
import { zoneOf, type ProactiveJob } from './job';

/**
 * `stale-vehicles`: a vehicle with an undelivered stop and no ping for a while, during the
 * driver's working hours, raises a `vehicle-silent` alert owned by the driver's manager (the
 * escalation engine takes it from there); the alert resolves once the vehicle pings again.
 */
export const staleVehicles: ProactiveJob = {
  name: 'stale-vehicles',
  async run(context) {
    const { store, at } = context;
    const silent = await store.deliveries.silentDrivers(new Date(at.getTime() - context.vehicles.staleAfterMs));
    const top = silent.length > 0 ? await store.alerts.topManager() : null;
    let raised = 0;
    for (const { driver, lastPingAt, order } of silent) {
      const zone = zoneOf(driver, context);
      if (nextOpening(at, zone, context.vehicles.workingHours) > at) continue; // off duty: not a silence
      const owner = driver.manager ?? top;
      if (!owner) continue;
      const since = lastPingAt ? DateTime.fromJSDate(lastPingAt, { zone }).toFormat('HH:mm') : '-';
      if (await raiseAlert(context, { kind: 'vehicle-silent', subject: driver.id, owner, details: { driver: driver.name, since, order } })) raised += 1;
    }
    const resolved = await store.alerts.resolveAllBut(
      'vehicle-silent',
      silent.map((s) => s.driver.id),
      at,
    );
    return { planned: raised, raised, resolved };
  },
};
