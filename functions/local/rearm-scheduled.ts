import { loggableError } from "../domain/redact.js";
import type { Ports } from "../flows/ports.js";

/** Editions looked at on start: a laptop's table holds few, and a schedule is for the days ahead. */
const MAX_PAGES = 10;

/**
 * The local timers live in memory: when `npm start` comes back up, every scheduled edition among
 * the newest thousand gets its timer again (one already due fires at once and is sent).
 */
export async function rearmScheduled(ports: Pick<Ports, "editions" | "scheduler" | "log">): Promise<void> {
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const found = await ports.editions.list(100, cursor);
      for (const e of found.editions) {
        if (e.status === "scheduled" && e.sendAt) await ports.scheduler.schedule(e.id, new Date(e.sendAt));
      }
      cursor = found.cursor;
      if (!cursor) return;
    }
  } catch (error) {
    ports.log.error("scheduled editions not re-armed", { error: loggableError(error) });
  }
}
