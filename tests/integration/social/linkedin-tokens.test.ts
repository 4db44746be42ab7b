import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLinkedInAdapter } from "../../../functions/adapters/social/linkedin/adapter.js";
import type { LinkedInSettings } from "../../../functions/adapters/social/linkedin/settings.js";
import { type LinkedInFake, startLinkedInFake } from "../../helpers/social/fakes/linkedin.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const NOW = new Date("2026-03-01T17:20:00Z");
const ACCOUNT = "linkedin/urn:li:organization:2414183";
let fake: LinkedInFake;
let credentials: ReturnType<typeof memoryCredentials>;

beforeEach(async () => {
  fake = await startLinkedInFake();
  credentials = memoryCredentials();
});
afterEach(() => fake.close());

function settings(overrides: Partial<LinkedInSettings> = {}): LinkedInSettings {
  return {
    apiUrl: fake.url,
    organization: fake.organization,
    accessToken: "li-access-1",
    version: "202607",
    oauthUrl: fake.oauthUrl,
    ...overrides,
  };
}
const withRefresh = { refreshToken: "li-refresh-1", clientId: "li-client", clientSecret: "li-secret" };
const adapter = (overrides: Partial<LinkedInSettings> = {}) =>
  createLinkedInAdapter({ settings: settings(overrides), credentials, now: () => NOW, timeoutMs: 1_000 });
const seen = (method: string, path: string) =>
  fake.requests.filter((r) => r.method === method && r.path.startsWith(path));

describe("LinkedIn adapter: tokens", () => {
  it("refreshes an expired token at the OAuth host when a refresh token is configured, and stores it", async () => {
    // Prepare
    fake.expireAccessToken();

    // Act
    const outcome = await adapter(withRefresh).publish(publishRequest("linkedin"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(credentials.stored.get(ACCOUNT)?.values).toMatchObject({
      accessToken: "li-access-2",
      refreshToken: "li-refresh-1",
    });
    const [refresh, ...more] = seen("POST", "/oauth/v2/accessToken");
    expect(more).toHaveLength(0);
    expect(Object.fromEntries(new URLSearchParams(refresh?.body.toString()))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "li-refresh-1",
      client_id: "li-client",
      client_secret: "li-secret",
    });
    expect(seen("POST", "/rest/posts").map((r) => r.headers.authorization)).toEqual(["Bearer li-access-2"]);
    expect(fake.posts).toHaveLength(1);
  });

  it("answers auth and flags the organization when the token expired and no refresh token is configured", async () => {
    // Prepare
    fake.expireAccessToken();

    // Act
    const outcome = await adapter().publish(publishRequest("linkedin"));

    // Assess
    expect(outcome.kind).toBe("auth");
    expect(credentials.attention.has(ACCOUNT)).toBe(true);
    expect(seen("POST", "/oauth/v2/accessToken")).toHaveLength(0);
    expect(fake.posts).toHaveLength(0);
  });
});
