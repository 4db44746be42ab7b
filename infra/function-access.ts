import type { SecretPart } from "../functions/adapters/secret-parts.js";

/**
 * What each function may do with the table and which secrets it may read, in one table so a review
 * sees every role at once (tests/infra/grants.test.ts lists the resulting grants exactly). Each row
 * is what the function's code reaches, traced from its handler through the flows to the repositories
 * in `functions/adapters/dynamo/`; a TransactWriteItems is authorized per contained Put, Update,
 * Delete or ConditionCheck (`ConditionCheckItem`: an unsubscribe's audience clean-up, an edition held,
 * scheduled or approved only while it is its article's latest version), so it needs no action of its own. Reads of an edition or briefing go through one
 * BatchGetItem with its feedback shards (`getWithFeedback`), hence BatchGetItem almost everywhere.
 */
export type TableAction =
  | "GetItem"
  | "BatchGetItem"
  | "Query"
  | "Scan"
  | "PutItem"
  | "UpdateItem"
  | "DeleteItem"
  | "BatchWriteItem"
  | "ConditionCheckItem";

export interface FunctionAccess {
  table: TableAction[];
  /** Queries the `gsi1` listing index (editions and briefings by creation time). */
  index?: boolean;
  /** Item actions on the engagement marks' own table. */
  marks?: TableAction[];
  /** The parts of the app secret it reads (`functions/adapters/secret-parts.ts`). */
  secrets: SecretPart[];
}

export const FUNCTION_ACCESS = {
  /**
   * Every route: subscribe/confirm/preferences (Get, BatchGet suppressions, Put/Delete audience items
   * in a transaction), erasure and lifting a suppression (Delete), edition and briefing lists (index Query), resume (chunk Query), rate limits and share counts
   * (Update). It signs and verifies subscriber tokens, checks the admin key and webhook signatures.
   */
  api: {
    table: ["GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"],
    index: true,
    /** Erasure: a subscriber's marks (Query their partition, Delete each). */
    marks: ["Query", "DeleteItem"],
    secrets: ["api", "tokens"],
  },
  /**
   * Renders (Put the render), the card (Get/Put its parts, Delete a superseded one), plans the
   * audience (Query partitions, Put chunks, Update checkpoints) and sends confirmation emails, whose
   * links carry a signed token.
   */
  renderPlan: {
    table: ["GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"],
    secrets: ["tokens"],
  },
  /**
   * Claims and records chunks (Get, Update), reads recipients and suppressions (BatchGet), closes the
   * edition's unfinished-work marker when its last chunk is recorded (Delete); signs links.
   */
  send: { table: ["GetItem", "BatchGetItem", "UpdateItem", "DeleteItem"], secrets: ["tokens"] },
  /**
   * Counts events on editions (Get, Put/Update in a transaction), suppresses (Put) and unsubscribes
   * (Put/Delete audience items), pauses an edition (Update). Signs nothing.
   */
  sesFeedback: {
    table: ["GetItem", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"],
    secrets: [],
  },
  /** Feed state (Get, Put, Update), seen items (BatchGet, BatchWrite), new editions (Put). */
  pollFeeds: {
    table: ["GetItem", "BatchGetItem", "PutItem", "UpdateItem", "BatchWriteItem"],
    secrets: [],
  },
  /** Lists briefings and the day's editions (index Query), records the briefing (Put). */
  briefing: { table: ["BatchGetItem", "Query", "PutItem"], index: true, secrets: [] },
  /**
   * Tracked links and the pixel: the email's render (Get; the events go to the engagement queue).
   * The stats: the edition or briefing (BatchGet), the counters (Query), the roll-up of closed
   * timeline buckets (Get, conditional Put). The subscriber CSV export (the table's one Scan).
   * Verifies tracking tokens, and admin keys for the stats.
   */
  tracking: {
    table: ["GetItem", "BatchGetItem", "Query", "Scan", "PutItem"],
    secrets: ["api", "tokens"],
  },
  /** The recorder: the marks (BatchGet, conditional Puts in a transaction), the counters (Update). */
  recordEngagement: {
    table: ["UpdateItem"],
    marks: ["BatchGetItem", "PutItem"],
    secrets: [],
  },
} as const satisfies Record<string, FunctionAccess>;
