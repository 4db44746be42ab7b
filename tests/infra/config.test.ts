import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config.js";

describe("parseConfig", () => {
  it("synthesizes out of the box with documented defaults", () => {
    const c = parseConfig({});
    expect(c.domain).toBe("news.example.com");
    expect(c.fromAddress).toBe("The Daily Herald <news@news.example.com>");
    expect(c.topics).toEqual(["world", "politics", "business", "technology", "culture"]);
    expect(c.sesMaxSendRate).toBe(14);
    expect(c.listId).toBe("newsletter.news.example.com");
    expect(c.customDomain).toBeUndefined();
    expect(c.alarmEmail).toBeUndefined();
    expect(c.pauseMinSample).toBe(100);
  });

  it("takes the auto-pause minimum sample, a positive whole number", () => {
    expect(parseConfig({ pauseMinSample: "500" }).pauseMinSample).toBe(500);
    expect(() => parseConfig({ pauseMinSample: "0" })).toThrow();
    expect(() => parseConfig({ pauseMinSample: "many" })).toThrow();
  });

  it("takes the email-a-friend daily budget (0 turns the feature off) and the hourly confirmation budget", () => {
    expect(parseConfig({})).toMatchObject({ shareEmailsPerDay: 1000, confirmationsPerHour: 1000 });
    expect(parseConfig({ shareEmailsPerDay: "0", confirmationsPerHour: "50" })).toMatchObject({
      shareEmailsPerDay: 0,
      confirmationsPerHour: 50,
    });
    expect(() => parseConfig({ confirmationsPerHour: "0" })).toThrow();
    expect(() => parseConfig({ shareEmailsPerDay: "-1" })).toThrow();
  });

  it("accepts `-c key=value` strings and cdk.json numbers and arrays alike", () => {
    const fromCli = parseConfig({ sesMaxSendRate: "200", topics: "world, sport", audienceShards: "4" });
    const fromJson = parseConfig({ sesMaxSendRate: 200, topics: ["world", "sport"], audienceShards: 4 });
    expect(fromCli).toEqual(fromJson);
    expect(fromCli.topics).toEqual(["world", "sport"]);
  });

  it("requires the From address to be at the sending domain (SES authorizes by that identity)", () => {
    expect(
      parseConfig({ domain: "news.example.org", fromAddress: "Desk <desk@mail.news.example.org>" })
        .fromAddress,
    ).toBe("Desk <desk@mail.news.example.org>");
    expect(() => parseConfig({ domain: "news.example.org", fromAddress: "x@example.com" })).toThrow(
      /sending domain/,
    );
    expect(() => parseConfig({ domain: "example.org", fromAddress: "x@badexample.org" })).toThrow(
      /sending domain/,
    );
  });

  it("takes a custom API domain only with its certificate", () => {
    expect(() => parseConfig({ apiDomainName: "api.example.org" })).toThrow(/go together/);
    const c = parseConfig({
      apiDomainName: "api.example.org",
      apiCertificateArn: "arn:aws:acm:eu-west-1:1:certificate/x",
    });
    expect(c.customDomain?.name).toBe("api.example.org");
  });

  it("refuses values that would break the functions at run time", () => {
    expect(() => parseConfig({ topics: "World News" })).toThrow();
    expect(() => parseConfig({ sesMaxSendRate: "fast" })).toThrow();
    expect(() => parseConfig({ alarmEmail: "not-an-address" })).toThrow();
    expect(() => parseConfig({ domain: "localhost" })).toThrow();
  });
});
