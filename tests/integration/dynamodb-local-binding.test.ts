import { connect } from "node:net";
import { describe, expect, inject, it } from "vitest";

/** Whether a TCP connection to host:port is accepted (every address here is on this machine). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("DynamoDB Local (the run's own, started by the global setup)", () => {
  it("listens on 127.0.0.1 only: another loopback address, like any other interface, is refused", async () => {
    const { hostname, port } = new URL(inject("dynamoEndpoint"));
    expect(hostname).toBe("127.0.0.1");
    expect(await accepts("127.0.0.1", Number(port))).toBe(true);
    // Bound to every interface, 127.0.0.2 would answer too; bound to 127.0.0.1 it cannot.
    expect(await accepts("127.0.0.2", Number(port))).toBe(false);
  });
});
