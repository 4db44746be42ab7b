import type { Server } from "node:http";
import * as sesModule from "aws-ses-v2-local";
import { persistSesInbox } from "./ses-inbox.js";

// A CommonJS module with `exports.default`: Node's ESM loader and bundlers disagree on where it lands.
const sesServer =
  ((sesModule as { default: unknown }).default as { default?: unknown }).default ??
  (sesModule as { default: unknown }).default;

export interface RunningSes {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts the `aws-ses-v2-local` stand-in in this process, on loopback only. With `inboxDir` its inbox
 * is kept there across restarts (`npm start`); without, it lives in memory (tests).
 */
export async function startSesLocal(
  port: number,
  { inboxDir }: { inboxDir?: string } = {},
): Promise<RunningSes> {
  const inbox = inboxDir ? await persistSesInbox(inboxDir) : undefined;
  const server: Server = await (sesServer as (c: { host: string; port: number }) => Promise<Server>)({
    host: "127.0.0.1",
    port,
  });
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    stop: () =>
      new Promise((resolve) =>
        server.close(() => {
          inbox?.stop();
          resolve();
        }),
      ),
  };
}
