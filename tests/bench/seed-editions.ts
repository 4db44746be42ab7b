import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { feedbackKeys } from "../../functions/adapters/dynamo/edition-feedback.js";
import { dynamoEditionRepo } from "../../functions/adapters/dynamo/edition-repo.js";
import { zeroCounts } from "../../functions/domain/edition.js";
import { mapConcurrent } from "../../functions/flows/concurrency.js";
import type { EditionRecord } from "../../functions/flows/ports.js";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { articleBody } from "../helpers/factories.js";

/** About the length of a newsroom story's body (the seed article's is 4.5 KB). */
const BODY = `<p>${"MUNICH — The United States has reached out to its European allies. ".repeat(64)}</p>`;

/**
 * Records `count` sent editions, a minute apart, each with SES feedback in all its counter shards,
 * for the editions list to page through:
 *   tsx tests/bench/seed-editions.ts <dynamo endpoint> <table> <count>
 */
const [endpoint, table, count] = process.argv.slice(2) as [string, string, string];
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const db = documentClient({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
const editions = dynamoEditionRepo(db, table);
const start = Date.now() - Number(count) * 60_000;
const edition = (i: number): EditionRecord => {
  const at = new Date(start + i * 60_000).toISOString();
  return {
    id: `ed_list${String(i).padStart(18, "0")}`,
    article: articleBody({ id: `list-${i}`, bodyHtml: BODY }) as unknown as EditionRecord["article"],
    status: "sent",
    counts: { ...zeroCounts(), planned: 1000, sent: 1000 },
    createdAt: at,
    updatedAt: at,
    plan: {},
    planDone: true,
    chunksTotal: 20,
    chunksDone: 20,
  };
};
await mapConcurrent(
  Array.from({ length: Number(count) }, (_, i) => edition(i)),
  16,
  async (e) => {
    await editions.create(e);
    for (const key of feedbackKeys(e.id)) {
      await db.send(
        new PutCommand({ TableName: table, Item: { ...key, delivered: 120, opened: 40, bounced: 1 } }),
      );
    }
  },
);
console.log(JSON.stringify({ editions: Number(count) }));
