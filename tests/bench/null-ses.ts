import { createServer } from "node:http";

/**
 * A null SES endpoint: answers SendBulkEmail with SUCCESS for every entry and keeps nothing. It runs
 * in its own process so the benchmark measures Herald, not the endpoint.
 */
let seq = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
      BulkEmailEntries?: unknown[];
    };
    const results = (body.BulkEmailEntries ?? []).map(() => ({
      Status: "SUCCESS",
      MessageId: `null-${++seq}`,
    }));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ BulkEmailEntryResults: results }));
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
