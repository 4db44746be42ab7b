import { describe, expect, it } from "vitest";
import { linkedinHarness } from "../../helpers/social/network-harnesses.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const ACCOUNT = "linkedin/urn:li:organization:2414183";
const linkedin = linkedinHarness();
const withRefresh = { refreshToken: "li-refresh-1", clientId: "li-client", clientSecret: "li-secret" };

describe("LinkedIn adapter: tokens", () => {
  it("refreshes an expired token at the OAuth host when a refresh token is configured, and stores it", async () => {
    // Prepare
    linkedin.fake.expireAccessToken();

    // Act
    const outcome = await linkedin.adapter(withRefresh).publish(publishRequest("linkedin"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(linkedin.credentials.stored.get(ACCOUNT)?.values).toMatchObject({
      accessToken: "li-access-2",
      refreshToken: "li-refresh-1",
    });
    const [refresh, ...more] = linkedin.requests("/oauth/v2/accessToken", "POST");
    expect(more).toHaveLength(0);
    expect(Object.fromEntries(new URLSearchParams(refresh?.body.toString()))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "li-refresh-1",
      client_id: "li-client",
      client_secret: "li-secret",
    });
    expect(linkedin.requests("/rest/posts", "POST").map((r) => r.headers.authorization)).toEqual([
      "Bearer li-access-2",
    ]);
    expect(linkedin.fake.posts).toHaveLength(1);
  });

  it("answers auth and flags the organization when the token expired and no refresh token is configured", async () => {
    // Prepare
    linkedin.fake.expireAccessToken();

    // Act
    const outcome = await linkedin.adapter().publish(publishRequest("linkedin"));

    // Assess
    expect(outcome.kind).toBe("auth");
    expect(linkedin.credentials.attention.has(ACCOUNT)).toBe(true);
    expect(linkedin.requests("/oauth/v2/accessToken", "POST")).toHaveLength(0);
    expect(linkedin.fake.posts).toHaveLength(0);
  });
});
