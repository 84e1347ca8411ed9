import http from 'node:http';
import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { signedRequest, stockQuery, webhookPath } from './load';

/**
 * A fixed offered load, as wrk2 makes one: request i is due at start + i / RATE and goes then, however
 * many are still in flight (an open model, on a pool of keep-alive connections). Its latency counts
 * from when it was due, so a stall is charged to every request it held back (no coordinated
 * omission); the service time counts from when it left. autocannon's overallRate cannot do this: it
 * sends each second's quota back to back at the second's start, a burst of saturation once a second
 * (mcollina/autocannon#174). Run as a process of its own (URL, RATE, SECONDS); prints JSON.
 */
const url = new URL(process.env.URL!);
const rate = Number(process.env.RATE);
const seconds = Number(process.env.SECONDS);
const total = Math.round(rate * seconds);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const histogram = (): hdr.Histogram => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
/** microseconds from when each request was due, and from when it left */
const latency = histogram();
const service = histogram();
let sent = 0;
let answered = 0;
let failed = 0;
let finish: () => void = () => undefined;
const finished = new Promise<void>((resolve) => (finish = resolve));

function fire(due: number): void {
  const { body, headers } = signedRequest(stockQuery);
  const left = performance.now();
  const request = http.request(
    { host: url.hostname, port: url.port, path: webhookPath, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
    (response) => {
      response.resume();
      response.on('end', () => {
        const now = performance.now();
        latency.recordValue(Math.round((now - due) * 1000));
        service.recordValue(Math.round((now - left) * 1000));
        if (response.statusCode! >= 200 && response.statusCode! < 300) answered += 1;
        else failed += 1;
        if (answered + failed === total) finish();
      });
    },
  );
  request.on('error', () => {
    failed += 1;
    if (answered + failed === total) finish();
  });
  request.end(body);
}

async function main(): Promise<void> {
  const start = performance.now() + 50;
  const cpuAtStart = process.cpuUsage();
  // Every millisecond or so, send what has fallen due: at 1,000 a second, one or two at a time.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; sent < due; sent++) fire(start + (sent * 1000) / rate);
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 50);
  });
  const sentFor = (performance.now() - start) / 1000;
  await finished;
  // This generator's own CPU (signing and sending), for the CPU a message costs at this rate.
  const cpu = process.cpuUsage(cpuAtStart);
  const ms = (h: hdr.Histogram, p: number) => Math.round(h.getValueAtPercentile(p) / 100) / 10;
  console.log(
    JSON.stringify({
      rate,
      seconds,
      sent,
      sentPerSecond: sent / sentFor,
      answered,
      failed,
      latencyMs: { p50: ms(latency, 50), p90: ms(latency, 90), p99: ms(latency, 99), max: Math.round(latency.maxValue / 100) / 10 },
      serviceMs: { p50: ms(service, 50), p90: ms(service, 90), p99: ms(service, 99), max: Math.round(service.maxValue / 100) / 10 },
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    }),
  );
  agent.destroy();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
