import { describe, expect, it } from "vitest";
import { threadsHarness } from "../../helpers/social/network-harnesses.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const threads = threadsHarness();
const account = () => `threads/${threads.fake.userId}`;

describe("Threads adapter: tokens", () => {
  it("refreshes a token Threads calls expired, stores it, and retries with it", async () => {
    // Prepare
    threads.fake.expireToken();

    // Act
    const outcome = await threads.adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome.kind).toBe("posted");
    const renewed = threads.fake.token.current;
    expect(renewed).not.toBe("th-token-1");
    expect(threads.credentials.stored.get(account())?.values.accessToken).toBe(renewed);
    const [refresh, ...more] = threads.fake.requests.filter((r) => r.path === "/refresh_access_token");
    expect(more).toHaveLength(0);
    expect(refresh?.query.get("grant_type")).toBe("th_refresh_token");
    expect(threads.fake.requests.at(-2)?.headers.authorization).toBe(`Bearer ${renewed}`);
    expect(threads.fake.posts).toHaveLength(1);
  });

  it("answers auth and flags the profile when the refresh is refused", async () => {
    // Prepare
    threads.fake.expireToken();
    threads.fake.refuseRefresh();

    // Act
    const outcome = await threads.adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome).toMatchObject({ kind: "auth", message: expect.stringContaining("Session has expired") });
    expect(outcome.kind === "auth" && outcome.message).not.toContain("th-token-1");
    expect(threads.credentials.attention.has(account())).toBe(true);
    expect(threads.fake.posts).toHaveLength(0);
  });
});
