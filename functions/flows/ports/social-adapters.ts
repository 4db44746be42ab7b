import type { SocialNetwork } from "../../domain/social/network.js";
import type { SocialAdapter } from "./social.js";

/**
 * An adapter for any one network: the list of configured accounts mixes networks, and a
 * `SocialAdapter<"bluesky">` only takes Bluesky posts, so it is not a `SocialAdapter<SocialNetwork>`.
 */
export type AnySocialAdapter = { [N in SocialNetwork]: SocialAdapter<N> }[SocialNetwork];
