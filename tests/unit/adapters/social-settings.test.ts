import { describe, expect, it } from "vitest";
import { facebookSettingsFromEnv } from "../../../functions/adapters/social/facebook/settings.js";
import { linkedinSettingsFromEnv } from "../../../functions/adapters/social/linkedin/settings.js";
import { threadsSettingsFromEnv } from "../../../functions/adapters/social/threads/settings.js";
import { xSettingsFromEnv } from "../../../functions/adapters/social/x/settings.js";

// Each network reads only its own HERALD_<NETWORK>_* variables from the settings record.

describe("xSettingsFromEnv", () => {
  it("is undefined when no X variable is set", () => {
    // Act + Assess
    expect(xSettingsFromEnv({ HERALD_BLUESKY_IDENTIFIER: "herald.bsky.social" })).toBeUndefined();
  });

  it("names the missing variable when only some are set", () => {
    // Act + Assess
    expect(() => xSettingsFromEnv({ HERALD_X_ACCESS_TOKEN: "t" })).toThrow(/HERALD_X_USERNAME/);
    expect(() =>
      xSettingsFromEnv({
        HERALD_X_USERNAME: "heraldnews",
        HERALD_X_ACCESS_TOKEN: "t",
        HERALD_X_REFRESH_TOKEN: "r",
      }),
    ).toThrow(/HERALD_X_CLIENT_ID/);
  });

  it("defaults the API to api.x.com and drops an @ from the handle", () => {
    // Act + Assess
    expect(xSettingsFromEnv({ HERALD_X_USERNAME: "@heraldnews", HERALD_X_ACCESS_TOKEN: "t" })).toEqual({
      apiUrl: "https://api.x.com",
      username: "heraldnews",
      accessToken: "t",
      refreshToken: undefined,
      clientId: undefined,
      clientSecret: undefined,
    });
  });
});

describe("linkedinSettingsFromEnv", () => {
  it("is undefined when no LinkedIn variable is set", () => {
    // Act + Assess
    expect(linkedinSettingsFromEnv({})).toBeUndefined();
  });

  it("names the missing variable when only some are set", () => {
    // Act + Assess
    expect(() => linkedinSettingsFromEnv({ HERALD_LINKEDIN_ACCESS_TOKEN: "t" })).toThrow(
      /HERALD_LINKEDIN_ORGANIZATION/,
    );
    expect(() =>
      linkedinSettingsFromEnv({
        HERALD_LINKEDIN_ACCESS_TOKEN: "t",
        HERALD_LINKEDIN_ORGANIZATION: "2414183",
        HERALD_LINKEDIN_REFRESH_TOKEN: "r",
      }),
    ).toThrow(/HERALD_LINKEDIN_CLIENT_ID/);
  });

  it("takes an organization id or URN and defaults the hosts and version", () => {
    // Act + Assess
    expect(
      linkedinSettingsFromEnv({ HERALD_LINKEDIN_ACCESS_TOKEN: "t", HERALD_LINKEDIN_ORGANIZATION: "2414183" }),
    ).toEqual({
      apiUrl: "https://api.linkedin.com",
      organization: "urn:li:organization:2414183",
      accessToken: "t",
      version: "202607",
      refreshToken: undefined,
      clientId: undefined,
      clientSecret: undefined,
      oauthUrl: "https://www.linkedin.com/oauth/v2/accessToken",
    });
  });
});

describe("facebookSettingsFromEnv", () => {
  it("is undefined when no Facebook variable is set", () => {
    // Act + Assess
    expect(facebookSettingsFromEnv({ HERALD_X_USERNAME: "heraldnews" })).toBeUndefined();
  });

  it("names the missing variable when only some are set", () => {
    // Act + Assess
    expect(() => facebookSettingsFromEnv({ HERALD_FACEBOOK_PAGE_ID: "104512345678901" })).toThrow(
      /HERALD_FACEBOOK_PAGE_TOKEN/,
    );
  });

  it("defaults the Graph host and version", () => {
    // Act + Assess
    expect(
      facebookSettingsFromEnv({
        HERALD_FACEBOOK_PAGE_ID: "104512345678901",
        HERALD_FACEBOOK_PAGE_TOKEN: "p",
      }),
    ).toEqual({
      apiUrl: "https://graph.facebook.com",
      graphVersion: "v26.0",
      pageId: "104512345678901",
      pageToken: "p",
    });
  });
});

describe("threadsSettingsFromEnv", () => {
  it("is undefined when no Threads variable is set", () => {
    // Act + Assess
    expect(threadsSettingsFromEnv({ HERALD_FACEBOOK_PAGE_ID: "1" })).toBeUndefined();
  });

  it("names the missing variable when only some are set", () => {
    // Act + Assess
    expect(() => threadsSettingsFromEnv({ HERALD_THREADS_USER_ID: "17841400000000000" })).toThrow(
      /HERALD_THREADS_ACCESS_TOKEN/,
    );
  });

  it("defaults the API host", () => {
    // Act + Assess
    expect(
      threadsSettingsFromEnv({
        HERALD_THREADS_USER_ID: "17841400000000000",
        HERALD_THREADS_ACCESS_TOKEN: "t",
      }),
    ).toEqual({ apiUrl: "https://graph.threads.net", userId: "17841400000000000", accessToken: "t" });
  });
});
