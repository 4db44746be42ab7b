import { MAX_UNRESOLVED } from "../domain/social/intent.js";
import { SocialNetwork } from "../domain/social/network.js";
import type { Ports } from "./ports.js";

/**
 * One social entry of the unfinished work: an edition whose fan-out to the accounts was never done
 * (`<editionId>`), or one post (`<editionId>#<network>#<account>`) left pending, claimed by a worker
 * that died, or waiting for a lookup. Its job is queued again; the intent's claim and lease make a
 * second job harmless. A post that is final, or waits for a person, leaves the unfinished work.
 */
export async function recoverSocialPost(
  ports: Pick<Ports, "socialIntents" | "socialQueue" | "work" | "now">,
  id: string,
  cutoff: Date,
): Promise<"requeued" | "closed" | "moving"> {
  const [editionId, network, account] = splitOnce(id);
  if (!network || !account) {
    await ports.work.open("social", id, ports.now());
    await ports.socialQueue.send([{ editionId: id }]);
    return "requeued";
  }
  const parsed = SocialNetwork.safeParse(network);
  const intent = parsed.success ? await ports.socialIntents.get(editionId, parsed.data, account) : undefined;
  const final =
    !intent ||
    intent.status === "posted" ||
    intent.status === "failed" ||
    (intent.status === "unknown" && intent.unresolved >= MAX_UNRESOLVED);
  if (final) {
    await ports.work.close("social", id);
    return "closed";
  }
  if (Date.parse(intent.updatedAt) > cutoff.getTime()) return "moving";
  await ports.work.open("social", id, ports.now());
  await ports.socialQueue.send([{ editionId, network: intent.network, account }]);
  return "requeued";
}

/** `<editionId>#<network>#<account>`: the account's name may itself hold a `#`. */
function splitOnce(id: string): [string, string?, string?] {
  const first = id.indexOf("#");
  if (first < 0) return [id];
  const second = id.indexOf("#", first + 1);
  if (second < 0) return [id];
  return [id.slice(0, first), id.slice(first + 1, second), id.slice(second + 1)];
}
