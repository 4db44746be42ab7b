import { latencies } from "./latencies.js";

/**
 * Reads one URL `reads` times one at a time (after 20 unmeasured), from a process of its own, and
 * prints p50/p99 and its own CPU a read as one JSON line. The console reads the stats from another
 * machine; a client inside the bench's process shared its heap (the seeded edition, the runtime),
 * and its collections there took 12–31 ms of CPU a read from the cores the server and DynamoDB
 * Local need (2026-12-07):
 *   tsx tests/bench/read-loop.ts <url> <reads> '<headers as JSON>'
 */
const [url = "", readsArg = "1000", headersArg = "{}"] = process.argv.slice(2);
const headers = JSON.parse(headersArg) as Record<string, string>;
const reads = Number(readsArg);
await latencies(Array(20).fill(url), { headers });
const before = process.cpuUsage();
const result = await latencies(Array(reads).fill(url), { headers });
const cpu = process.cpuUsage(before);
console.log(JSON.stringify({ ...result, cpuMsPerRead: (cpu.user + cpu.system) / 1000 / reads }));
