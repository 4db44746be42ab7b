import type { ServerResponse } from "node:http";

/**
 * Never answers: waits until the client gives up and closes the connection, the way a network that
 * took the request and then stalled looks to a client with a timeout.
 */
export function untilClientLeaves(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.once("close", () => resolve()));
}
