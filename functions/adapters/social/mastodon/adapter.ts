import type { ComposeOptions } from "../../../domain/social/compose.js";
import { escapeHtml } from "../../../domain/text.js";
import type { LookupOutcome, PublishOutcome, SocialAdapter } from "../../../flows/ports/social.js";
import type { AdapterOptions } from "../common/adapter-options.js";
import { asLookupOutcome } from "../common/call-outcomes.js";
import { engagementAfterFailure } from "../common/engagement-answers.js";
import { wireOptions } from "../common/http-exchange.js";
import { mastodonClient, STATUSES_PER_PAGE, type Status } from "./client.js";
import { failureOutcome } from "./outcomes.js";
import type { MastodonSettings } from "./settings.js";

export type MastodonAdapterOptions = AdapterOptions<MastodonSettings>;

/** Pages of 40 statuses a lookup reads before concluding `absent` (newest first, minutes after the post). */
const LOOKUP_PAGES = 3;

/** Mastodon renders the link into `content` as an escaped `href`; the card, once fetched, names it too. */
function linksTo(status: Status, url: string): boolean {
  return status.content.includes(`href="${escapeHtml(url)}"`) || status.card?.url === url;
}

/**
 * Posts a status with the composed text. No media: Mastodon builds the link card itself from the
 * article's og: tags. Every publish sends `Idempotency-Key`, so an unknown outcome is settled by
 * publishing again with the same key (`idempotent: true`); `lookup` is there for keys older than
 * Mastodon's hour. The account is named by the instance's host: the token is the only credential.
 *
 * @example
 * const mastodon = createMastodonAdapter({ settings, credentials, now: () => new Date() });
 * const post = composePost("mastodon", source, await mastodon.composeOptions());
 * await mastodon.publish({ editionId, post, url, card, cardUrl, idempotencyKey });
 * // { kind: "posted", postId: "113…", url: "https://mastodon.social/@news/113…" }
 */
export function createMastodonAdapter(options: MastodonAdapterOptions): SocialAdapter<"mastodon"> {
  const { settings, credentials, now } = options;
  const client = mastodonClient(settings.apiUrl, settings.accessToken, wireOptions(options));
  const account = new URL(settings.apiUrl).host;
  let limits: Promise<ComposeOptions> | undefined;

  async function refused<O extends PublishOutcome | LookupOutcome>(outcome: O): Promise<O> {
    if (outcome.kind === "auth") await credentials.flagAttention("mastodon", account, outcome.message, now());
    return outcome;
  }

  return {
    network: "mastodon",
    account,
    idempotent: true,

    /** The instance's own limits, read once per adapter; `{}` (Mastodon's defaults) when unreadable. */
    composeOptions() {
      limits ??= client.instanceLimits().then((read) => (read.ok ? { mastodon: read.value } : {}));
      return limits;
    },

    async publish(request) {
      const posted = await client.postStatus(request.post.status, request.idempotencyKey);
      if (!posted.ok) return refused(failureOutcome(posted.failure, now()));
      await credentials.clearAttention("mastodon", account);
      const { id, url, uri } = posted.value;
      return { kind: "posted", postId: id, url: url ?? uri };
    },

    async lookup(request) {
      const me = await client.verifyCredentials();
      if (!me.ok) return refused(asLookupOutcome(failureOutcome(me.failure, now())));
      let maxId: string | undefined;
      for (let page = 0; page < LOOKUP_PAGES; page++) {
        const listed = await client.accountStatuses(me.value.id, maxId);
        if (!listed.ok) return refused(asLookupOutcome(failureOutcome(listed.failure, now())));
        const hit = listed.value.find((s) => linksTo(s, request.url));
        if (hit) return { kind: "found", postId: hit.id, url: hit.url ?? hit.uri };
        maxId = listed.value.at(-1)?.id;
        if (!maxId || listed.value.length < STATUSES_PER_PAGE) break;
      }
      return { kind: "absent" };
    },

    /** `GET /api/v1/statuses/:id` (scope `read:statuses`): the counts as this instance knows them. */
    async readEngagement(post) {
      const read = await client.statusCounts(post.postId);
      if (!read.ok) return engagementAfterFailure(failureOutcome(read.failure, now()));
      return { kind: "read", counts: read.value };
    },
  };
}
