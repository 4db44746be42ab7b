import type { SocialNetwork } from "../../../functions/domain/social/network.js";
import type {
  EngagementOutcome,
  LookupOutcome,
  PostRef,
  PublishOutcome,
  PublishRequest,
  SocialAdapter,
} from "../../../functions/flows/ports/social.js";

export interface Script {
  idempotent?: boolean;
  /** What each publish call answers, in order; past the end, `posted`. `"throw"` throws. */
  publish?: Array<PublishOutcome | "throw">;
  /** What each lookup answers, in order; past the end, `absent`. */
  lookup?: LookupOutcome[];
  /** What each engagement read answers, in order; past the end, 3 likes. Absent: the network has no counts. */
  engagement?: Array<EngagementOutcome | "throw">;
}

/**
 * A `SocialAdapter` that answers from a script and keeps every request: the port double the social
 * flow's own tests drive (the real adapters are tested against fake network servers).
 *
 * @example
 * const x = scriptedAdapter("x", "@news", { publish: [{ kind: "unknown", message: "timeout" }] });
 */
export function scriptedAdapter<N extends SocialNetwork>(network: N, account: string, script: Script = {}) {
  const publishes = [...(script.publish ?? [])];
  const lookups = [...(script.lookup ?? [])];
  const reads = script.engagement ? [...script.engagement] : undefined;
  const calls = {
    publish: [] as PublishRequest<N>[],
    lookup: [] as PublishRequest<N>[],
    engagement: [] as PostRef[],
  };
  const adapter: SocialAdapter<N> = {
    network,
    account,
    idempotent: script.idempotent ?? false,
    async publish(request) {
      calls.publish.push(request);
      const next = publishes.shift();
      if (next === "throw") throw new Error("socket hang up at https://api.example/bot123:SECRET/send");
      return next ?? { kind: "posted", postId: `${network}-${calls.publish.length}`, url: postUrl(network) };
    },
    async lookup(request) {
      calls.lookup.push(request);
      return lookups.shift() ?? { kind: "absent" };
    },
    ...(reads && {
      async readEngagement(post: PostRef): Promise<EngagementOutcome> {
        calls.engagement.push(post);
        const next = reads.shift();
        if (next === "throw") throw new Error("socket hang up at https://api.example/bot123:SECRET/read");
        return next ?? { kind: "read", counts: { likes: 3 } };
      },
    }),
  };
  return { adapter, calls };
}

export const postUrl = (network: string) => `https://${network}.example/news/posts/1`;
