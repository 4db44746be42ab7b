import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SocialIntent } from "../../domain/social/intent.js";
import type { SocialNetwork } from "../../domain/social/network.js";
import type { SocialIntentRepo } from "../../flows/ports.js";
import { conditionally, writeIf } from "./conditional-write.js";
import { keys, SK } from "./keys.js";
import { workMarkerDelete, workMarkerPut } from "./work-ledger.js";

/** The post's unfinished-work id: recovery queues its job again from it. */
export const socialWorkId = (i: Pick<SocialIntent, "editionId" | "network" | "account">) =>
  `${i.editionId}#${i.network}#${i.account}`;
const FINAL = ["posted", "failed"];

/** Every field but the key and the version; an absent optional one is removed from the item. */
const FIELDS = [
  "editionId",
  "network",
  "account",
  "status",
  "attempts",
  "unresolved",
  "leaseUntil",
  "retryAt",
  "url",
  "postId",
  "error",
  "errors",
  "message",
  "createdAt",
  "updatedAt",
] as const;

function toIntent(item: Record<string, unknown>): SocialIntent {
  const fields = Object.fromEntries(FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  // Written by the engagement look-ups alone (`social-engagement-repo.ts`); never part of an update here.
  const read = Object.entries({ "1h": item.engagement_1h, "1d": item.engagement_1d }).filter(([, s]) => s);
  const engagement = read.length > 0 ? { engagement: Object.fromEntries(read) } : {};
  return { errors: [], ...fields, ...engagement, version: Number(item.v ?? 0) } as unknown as SocialIntent;
}

/**
 * Social intents beside their edition (`ED#<id>` / `SOCIAL#<network>#<account>`): created with a
 * conditional put, then changed only by conditional updates on the version read.
 */
export function dynamoSocialIntentRepo(db: DynamoDBDocumentClient, table: string): SocialIntentRepo {
  const get = async (editionId: string, network: SocialNetwork, account: string) => {
    const out = await db.send(
      new GetCommand({
        TableName: table,
        Key: keys.socialIntent(editionId, network, account),
        ConsistentRead: true,
      }),
    );
    return out.Item ? toIntent(out.Item) : undefined;
  };
  return {
    get,
    async create(intent) {
      const { version: _, ...fields } = intent;
      if (!FINAL.includes(intent.status)) {
        await db.send(workMarkerPut(table, "social", socialWorkId(intent), new Date(intent.createdAt)));
      }
      const put = await conditionally(
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...keys.socialIntent(intent.editionId, intent.network, intent.account), ...fields, v: 0 },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
      if (put.written) return { created: true, intent: { ...intent, version: 0 } };
      const existing = await get(intent.editionId, intent.network, intent.account);
      if (!existing) throw put.error;
      return { created: false, intent: existing };
    },
    async listForEdition(editionId) {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :social)",
          ExpressionAttributeValues: { ":pk": keys.edition(editionId).pk, ":social": SK.socialIntent },
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).map(toIntent);
    },
    async update(current, next) {
      const set = FIELDS.filter((f) => next[f] !== undefined);
      const remove = FIELDS.filter((f) => next[f] === undefined);
      const updated = await writeIf(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.socialIntent(current.editionId, current.network, current.account),
            UpdateExpression:
              `SET ${[...set.map((f) => `#${f} = :${f}`), "v = :next"].join(", ")}` +
              (remove.length ? ` REMOVE ${remove.map((f) => `#${f}`).join(", ")}` : ""),
            ConditionExpression: "v = :v",
            ExpressionAttributeNames: Object.fromEntries([...set, ...remove].map((f) => [`#${f}`, f])),
            ExpressionAttributeValues: {
              ...Object.fromEntries(set.map((f) => [`:${f}`, next[f]])),
              ":v": current.version,
              ":next": current.version + 1,
            },
          }),
        ),
      );
      if (!updated) return undefined;
      if (FINAL.includes(next.status)) await db.send(workMarkerDelete(table, "social", socialWorkId(next)));
      return { ...next, version: current.version + 1 };
    },
  };
}
