import { createServer } from "node:net";

/** Resolves if `port` on 127.0.0.1 can be bound, rejects with a sentence a person can act on. */
export function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === "EADDRINUSE"
            ? `port ${port} (${what}) is already in use: stop what is using it, or set ${envVar} to another port`
            : `cannot use port ${port} (${what}): ${e.message}`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}
