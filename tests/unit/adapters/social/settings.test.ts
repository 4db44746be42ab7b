import { describe, expect, it } from "vitest";
import { facebookSettingsFromEnv } from "../../../../functions/adapters/social/facebook/settings.js";
import { linkedinSettingsFromEnv } from "../../../../functions/adapters/social/linkedin/settings.js";
import { threadsSettingsFromEnv } from "../../../../functions/adapters/social/threads/settings.js";
import { xSettingsFromEnv } from "../../../../functions/adapters/social/x/settings.js";

type Env = Record<string, string>;

// Each network reads only its own HERALD_<NETWORK>_* variables from the settings record.

describe("X, LinkedIn, Facebook and Threads settings from the settings record", () => {
  it.each<[string, (env: Env) => unknown, Env]>([
    ["xSettingsFromEnv", xSettingsFromEnv, { HERALD_BLUESKY_IDENTIFIER: "herald.bsky.social" }],
    ["linkedinSettingsFromEnv", linkedinSettingsFromEnv, {}],
    ["facebookSettingsFromEnv", facebookSettingsFromEnv, { HERALD_X_USERNAME: "heraldnews" }],
    ["threadsSettingsFromEnv", threadsSettingsFromEnv, { HERALD_FACEBOOK_PAGE_ID: "1" }],
  ])("%s is undefined when none of its network's variables is set", (_, fromEnv, env) => {
    // Act + Assess
    expect(fromEnv(env)).toBeUndefined();
  });

  it.each<[string, string, (env: Env) => unknown, Env]>([
    ["xSettingsFromEnv", "HERALD_X_USERNAME", xSettingsFromEnv, { HERALD_X_ACCESS_TOKEN: "t" }],
    [
      "xSettingsFromEnv",
      "HERALD_X_CLIENT_ID",
      xSettingsFromEnv,
      { HERALD_X_USERNAME: "heraldnews", HERALD_X_ACCESS_TOKEN: "t", HERALD_X_REFRESH_TOKEN: "r" },
    ],
    [
      "linkedinSettingsFromEnv",
      "HERALD_LINKEDIN_ORGANIZATION",
      linkedinSettingsFromEnv,
      { HERALD_LINKEDIN_ACCESS_TOKEN: "t" },
    ],
    [
      "linkedinSettingsFromEnv",
      "HERALD_LINKEDIN_CLIENT_ID",
      linkedinSettingsFromEnv,
      {
        HERALD_LINKEDIN_ACCESS_TOKEN: "t",
        HERALD_LINKEDIN_ORGANIZATION: "2414183",
        HERALD_LINKEDIN_REFRESH_TOKEN: "r",
      },
    ],
    [
      "facebookSettingsFromEnv",
      "HERALD_FACEBOOK_PAGE_TOKEN",
      facebookSettingsFromEnv,
      { HERALD_FACEBOOK_PAGE_ID: "104512345678901" },
    ],
    [
      "threadsSettingsFromEnv",
      "HERALD_THREADS_ACCESS_TOKEN",
      threadsSettingsFromEnv,
      { HERALD_THREADS_USER_ID: "17841400000000000" },
    ],
  ])("%s names the missing variable (%s) when only some are set", (_, missing, fromEnv, env) => {
    // Act + Assess
    expect(() => fromEnv(env)).toThrow(missing);
  });

  it.each<[string, (env: Env) => unknown, Env, unknown]>([
    [
      "xSettingsFromEnv defaults the API to api.x.com and drops an @ from the handle",
      xSettingsFromEnv,
      { HERALD_X_USERNAME: "@heraldnews", HERALD_X_ACCESS_TOKEN: "t" },
      {
        apiUrl: "https://api.x.com",
        username: "heraldnews",
        accessToken: "t",
        refreshToken: undefined,
        clientId: undefined,
        clientSecret: undefined,
      },
    ],
    [
      "linkedinSettingsFromEnv takes an organization id or URN and defaults the hosts and version",
      linkedinSettingsFromEnv,
      { HERALD_LINKEDIN_ACCESS_TOKEN: "t", HERALD_LINKEDIN_ORGANIZATION: "2414183" },
      {
        apiUrl: "https://api.linkedin.com",
        organization: "urn:li:organization:2414183",
        accessToken: "t",
        version: "202607",
        refreshToken: undefined,
        clientId: undefined,
        clientSecret: undefined,
        oauthUrl: "https://www.linkedin.com/oauth/v2/accessToken",
      },
    ],
    [
      "facebookSettingsFromEnv defaults the Graph host and version",
      facebookSettingsFromEnv,
      { HERALD_FACEBOOK_PAGE_ID: "104512345678901", HERALD_FACEBOOK_PAGE_TOKEN: "p" },
      {
        apiUrl: "https://graph.facebook.com",
        graphVersion: "v26.0",
        pageId: "104512345678901",
        pageToken: "p",
      },
    ],
    [
      "threadsSettingsFromEnv defaults the API host",
      threadsSettingsFromEnv,
      { HERALD_THREADS_USER_ID: "17841400000000000", HERALD_THREADS_ACCESS_TOKEN: "t" },
      { apiUrl: "https://graph.threads.net", userId: "17841400000000000", accessToken: "t" },
    ],
  ])("%s", (_, fromEnv, env, expected) => {
    // Act + Assess
    expect(fromEnv(env)).toEqual(expected);
  });
});
