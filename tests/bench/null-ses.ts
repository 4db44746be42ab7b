import { startNullSes } from "../helpers/null-ses.js";

/**
 * The null SES (tests/helpers/null-ses.ts) in its own process, so the benchmark measures Herald, not
 * the endpoint:  tsx tests/bench/null-ses.ts [recipients per second]  → prints {"port":n}
 * With a rate it enforces that sending quota and counts every recipient address (`GET /stats`).
 */
const rate = Number(process.argv[2]) || undefined;
const ses = await startNullSes(rate ? { ratePerSecond: rate, countRecipients: true } : {});
process.stdout.write(`${JSON.stringify({ port: Number(new URL(ses.endpoint).port) })}\n`);
