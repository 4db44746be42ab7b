import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SocialNetwork } from "../../domain/social/network.js";
import type { PublishRequest, SocialAdapter } from "../../flows/ports/social.js";

/** The account name outbox posts are shown under. */
export const OUTBOX_ACCOUNT = "outbox";

/**
 * The local stand-in for a network without credentials: each post is a JSON file,
 * `<dir>/<network>/<editionId>.json`, with the composed post, the URL as posted and where the card
 * is served, and the card itself beside it (`<editionId>.png`). An edition's file is written once;
 * publishing it again finds it, so the outbox is idempotent like Mastodon.
 *
 * @example
 * const adapter = outboxAdapter("bluesky", ".herald/outbox");
 * await adapter.publish(request); // { kind: "posted", url: "file:///…/outbox/bluesky/ed_….json" }
 */
export function outboxAdapter<N extends SocialNetwork>(network: N, dir: string): SocialAdapter<N> {
  const folder = join(dir, network);
  const fileOf = (editionId: string) => join(folder, `${editionId}.json`);
  const found = (editionId: string) => ({
    postId: editionId,
    url: pathToFileURL(fileOf(editionId)).href,
  });
  return {
    network,
    account: OUTBOX_ACCOUNT,
    idempotent: true,
    async publish(request: PublishRequest<N>) {
      const file = fileOf(request.editionId);
      if (existsSync(file)) return { kind: "posted", ...found(request.editionId) };
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, `${request.editionId}.png`), await request.card());
      const post = {
        network,
        account: OUTBOX_ACCOUNT,
        editionId: request.editionId,
        url: request.url,
        cardUrl: request.cardUrl,
        card: `${request.editionId}.png`,
        idempotencyKey: request.idempotencyKey,
        post: request.post,
      };
      // Written whole or not at all: a reader (or a lookup) never sees half a post.
      const partial = `${file}.${process.pid}.tmp`;
      await writeFile(partial, `${JSON.stringify(post, null, 2)}\n`);
      await rename(partial, file);
      return { kind: "posted", ...found(request.editionId) };
    },
    async lookup(request: PublishRequest<N>) {
      return existsSync(fileOf(request.editionId))
        ? { kind: "found", ...found(request.editionId) }
        : { kind: "absent" };
    },
  };
}
