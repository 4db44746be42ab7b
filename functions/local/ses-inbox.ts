import { appendFileSync, createReadStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";

interface SesStore {
  emails: unknown[];
}

/**
 * The stand-in keeps what it received in one module-level object (`dist/store.js`): the same instance
 * its server saves to, reached through Node's module cache.
 */
const sesStore = (): SesStore =>
  (
    createRequire(import.meta.url)("aws-ses-v2-local/dist/store.js") as { getStoreReadonly(): SesStore }
  ).getStoreReadonly();

/**
 * Keeps the SES stand-in's inbox under `dir` (`emails.jsonl`, one received email a line), as DynamoDB
 * Local keeps the table: what was received before a restart (or a crash) is loaded back, and every
 * email is appended before the stand-in answers the send, so a process killed right after SES
 * accepted a message still has it. Clearing the store (`POST /clear-store`) empties the file.
 * Returns how many were loaded and the function that stops persisting.
 *
 * @example
 * const inbox = await persistSesInbox(".herald/ses"); // before the stand-in takes its first send
 */
export async function persistSesInbox(dir: string): Promise<{ loaded: number; stop(): void }> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "emails.jsonl");
  const loaded: unknown[] = [];
  if (existsSync(file)) {
    const lines = createInterface({
      input: createReadStream(file, "utf8"),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (!line) continue;
      try {
        loaded.push(JSON.parse(line));
      } catch {
        // A line cut short by a crash mid-write: the email it held was never answered as sent.
      }
    }
  }
  const persisting = (initial: unknown[]) => {
    const emails = [...initial];
    emails.push = (...added: unknown[]) => {
      appendFileSync(file, added.map((e) => `${JSON.stringify(e)}\n`).join(""));
      return Array.prototype.push.apply(emails, added);
    };
    return emails;
  };
  const store = sesStore();
  let emails = persisting(loaded);
  Object.defineProperty(store, "emails", {
    configurable: true,
    enumerable: true,
    get: () => emails,
    set: (next: unknown[]) => {
      writeFileSync(file, next.map((e) => `${JSON.stringify(e)}\n`).join(""));
      emails = persisting(next);
    },
  });
  return {
    loaded: loaded.length,
    stop() {
      Object.defineProperty(store, "emails", {
        configurable: true,
        enumerable: true,
        writable: true,
        value: [],
      });
    },
  };
}
