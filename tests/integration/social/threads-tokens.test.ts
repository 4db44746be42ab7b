import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createThreadsAdapter } from "../../../functions/adapters/social/threads/adapter.js";
import { startThreadsFake, type ThreadsFake } from "../../helpers/social/fakes/threads.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const NOW = new Date("2026-03-01T17:20:00Z");
let fake: ThreadsFake;
let credentials: ReturnType<typeof memoryCredentials>;

beforeEach(async () => {
  fake = await startThreadsFake();
  credentials = memoryCredentials();
});
afterEach(() => fake.close());

const adapter = () =>
  createThreadsAdapter({
    settings: { apiUrl: fake.url, userId: fake.userId, accessToken: "th-token-1" },
    credentials,
    now: () => NOW,
    timeoutMs: 1_000,
    containerPollMs: 0,
  });
const account = () => `threads/${fake.userId}`;

describe("Threads adapter: tokens", () => {
  it("refreshes a token Threads calls expired, stores it, and retries with it", async () => {
    // Prepare
    fake.expireToken();

    // Act
    const outcome = await adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome.kind).toBe("posted");
    const renewed = fake.token.current;
    expect(renewed).not.toBe("th-token-1");
    expect(credentials.stored.get(account())?.values.accessToken).toBe(renewed);
    const [refresh, ...more] = fake.requests.filter((r) => r.path === "/refresh_access_token");
    expect(more).toHaveLength(0);
    expect(refresh?.query.get("grant_type")).toBe("th_refresh_token");
    expect(fake.requests.at(-2)?.headers.authorization).toBe(`Bearer ${renewed}`);
    expect(fake.posts).toHaveLength(1);
  });

  it("answers auth and flags the profile when the refresh is refused", async () => {
    // Prepare
    fake.expireToken();
    fake.refuseRefresh();

    // Act
    const outcome = await adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome).toMatchObject({ kind: "auth", message: expect.stringContaining("Session has expired") });
    expect(outcome.kind === "auth" && outcome.message).not.toContain("th-token-1");
    expect(credentials.attention.has(account())).toBe(true);
    expect(fake.posts).toHaveLength(0);
  });
});
