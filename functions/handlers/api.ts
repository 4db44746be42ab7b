import { handle } from "hono/aws-lambda";
import { createApp } from "../api/app.js";
import type { Ports } from "../flows/ports.js";
import { awsPorts } from "./aws-ports.js";

let app: { ports: Ports; handle: ReturnType<typeof handle> } | undefined;

/**
 * The API Lambda: the Hono app behind API Gateway, built once per container. Secrets are refreshed
 * on the shared ports object, which the app reads per request. MJML never reaches this bundle.
 */
export const handler: ReturnType<typeof handle> = async (event, context) => {
  const ports = await awsPorts(["api", "tokens"]);
  if (app?.ports !== ports) app = { ports, handle: handle(createApp(ports)) };
  return app.handle(event, context);
};
