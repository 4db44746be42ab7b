import { expect, it } from "vitest";
import type { SocialNetwork } from "../../../functions/domain/social/network.js";
import type { PublishRequest, SocialAdapter } from "../../../functions/flows/ports/social.js";
import { CYRILLIC_SOURCE, publishRequest } from "./publish-request.js";

/** The faults every fake network can be told to answer its next post with. */
export type SharedFault = "rate_limit" | "created_then_5xx" | "timeout";

/** `[when, fault, message]`: the fault's name in the test's title, and a matcher for the outcome's message. */
export type UnknownCase =
  | [string, "created_then_5xx" | "timeout"]
  | [string, "created_then_5xx" | "timeout", unknown];

/** What the shared examples need of a harness: its fake, and adapters over it. */
export interface Subject<Fake extends { failNext(fault: SharedFault): void }, N extends SocialNetwork> {
  readonly fake: Fake;
  adapter(overrides?: object, extras?: { timeoutMs?: number }): SocialAdapter<N>;
}

/** The short per-call timeout the unknown-outcome examples publish with. */
// Long enough that a loopback answer on a busy machine is never taken for a timeout (300 ms was
// once, in a full run), short enough that the timeout examples stay quick.
const SHORT_TIMEOUT_MS = 1500;

/**
 * The cases every adapter test file runs the same way, each as one `it` in the caller's `describe`:
 * the port's promises the social flow relies on, with the network's own answers as data.
 * `posts` is what the fake holds as published (posts, statuses or messages).
 *
 * @example
 * const bluesky = blueskyHarness();
 * const shared = adapterExamples(bluesky, (fake) => fake.posts);
 * describe("Bluesky publish", () => {
 *   shared.answersRateLimited("at the PDS's RateLimit-Reset", (fake) => ({ retryAt: fake.rateLimitReset, message: "…" }));
 * });
 */
export function adapterExamples<Fake extends { failNext(fault: SharedFault): void }, N extends SocialNetwork>(
  subject: Subject<Fake, N>,
  posts: (fake: Fake) => unknown[],
) {
  return {
    /** A throttled post answers `rate_limited` at the network's reset (`expected`), and posts nothing. */
    answersRateLimited(
      when: string,
      expected: (fake: Fake) => { retryAt: Date; message: unknown },
      fault: Parameters<Fake["failNext"]>[0] = "rate_limit",
    ) {
      it(`answers rate_limited ${when}, posting nothing`, async () => {
        // Prepare
        const adapter = subject.adapter();
        subject.fake.failNext(fault);

        // Act
        const outcome = await adapter.publish(publishRequest(adapter.network));

        // Assess
        expect(outcome).toEqual({ kind: "rate_limited", ...expected(subject.fake) });
        expect(posts(subject.fake)).toEqual([]);
      });
    },

    /**
     * After each fault in `cases` (`[when, fault, message]`, the message any string unless given) the
     * outcome is unknown, and a lookup finds the one post, from the adapter that published and from a new one.
     */
    findsThePostAfterAnUnknownOutcome(
      cases: UnknownCase[],
      found: (fake: Fake) => { postId: unknown; url: unknown },
    ) {
      it.each(cases)("answers unknown %s, and lookup finds that one post", async (_, fault, said?) => {
        // Prepare
        const adapter = subject.adapter({}, { timeoutMs: SHORT_TIMEOUT_MS });
        const request = publishRequest(adapter.network);
        subject.fake.failNext(fault);

        // Act
        const outcome = await adapter.publish(request);
        const foundBySame = await adapter.lookup(request);
        const foundByNext = await subject.adapter().lookup(request);

        // Assess
        expect(outcome).toEqual({ kind: "unknown", message: said ?? expect.any(String) });
        expect(posts(subject.fake)).toHaveLength(1);
        expect(foundBySame).toEqual({ kind: "found", ...found(subject.fake) });
        expect(foundByNext).toEqual(foundBySame);
      });
    },

    /** A lookup for a post never made answers `absent`, though the account has another post. */
    answersAbsentForAPostNeverMade() {
      it("answers absent for a post that was never created, even with other posts on the account", async () => {
        // Prepare
        const adapter = subject.adapter();
        await adapter.publish(publishRequest(adapter.network, { article: CYRILLIC_SOURCE }));

        // Act
        const outcome = await subject.adapter().lookup(publishRequest(adapter.network));

        // Assess
        expect(posts(subject.fake)).toHaveLength(1);
        expect(outcome).toEqual({ kind: "absent" });
      });
    },

    /** A Cyrillic headline reaches the network exactly as composed; `sent` reads the text the fake got. */
    postsCyrillicAsComposed(
      sent: (fake: Fake) => string | undefined,
      composed: (post: PublishRequest<N>["post"]) => string,
    ) {
      it("posts a Cyrillic headline exactly as composed", async () => {
        // Prepare
        const adapter = subject.adapter();
        const request = publishRequest(adapter.network, { article: CYRILLIC_SOURCE });

        // Act
        const outcome = await adapter.publish(request);

        // Assess
        expect(outcome.kind).toBe("posted");
        expect(sent(subject.fake)).toBe(composed(request.post));
        expect(sent(subject.fake)?.startsWith(CYRILLIC_SOURCE.title)).toBe(true);
      });
    },
  };
}
