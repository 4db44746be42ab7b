import { handle } from "hono/aws-lambda";
import { dynamoStatsReader } from "../adapters/dynamo/stats-reader.js";
import { trackingApp } from "../api/tracking-app.js";
import type { Ports } from "../flows/ports.js";
import { awsPorts, dynamo } from "./aws-ports.js";

let app: { ports: Ports; handle: ReturnType<typeof handle> } | undefined;

/**
 * The tracking Lambda: tracked links, the open pixel and the stats endpoints (see
 * `api/tracking-app.ts`). It reads the admin keys (the stats are admin routes) and the token keys.
 */
export const handler: ReturnType<typeof handle> = async (event, context) => {
  const ports = await awsPorts(["api", "tokens"]);
  if (app?.ports !== ports) {
    app = { ports, handle: handle(trackingApp(ports, dynamoStatsReader(dynamo, ports.config.tableName))) };
  }
  return app.handle(event, context);
};
