import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import * as limits from "../../../console/lib/thresholds.js";
import { consoleApp, withConsole } from "../../../functions/console/app.js";
import { consoleAssets } from "../../../functions/console/assets.js";
import { CONSOLE_PAGES, consoleCsp, pageFor, shellHtml } from "../../../functions/console/pages.js";
import { BOUNCE_RATE_LIMIT, COMPLAINT_RATE_LIMIT } from "../../../functions/domain/send-health.js";

const assets = consoleAssets([
  ["editions.js", new TextEncoder().encode("console.log('editions')")],
  ["console.css", new TextEncoder().encode("body{margin:0}")],
]);
const app = consoleApp(assets);

describe("the console's page shells", () => {
  it.each([
    ["/console/sign-in", "sign-in"],
    ["/console/editions", "editions"],
    ["/console/editions/", "editions"],
    ["/console/editions/ed_abcdefghijklmnopqrstuv", "edition"],
    ["/console/briefings", "briefings"],
    ["/console/briefings/br_20260101", "briefing"],
    ["/console/subscribers", "subscribers"],
    ["/console/social", "social"],
    ["/console/audit", "audit"],
  ])("%s is the %s page", (path, name) => {
    expect(pageFor(path)?.name).toBe(name);
  });

  it.each([
    "/console/editions/<script>",
    "/console/editions/a/b",
    "/console/nowhere",
    "/console/editions/x%22onload",
  ])("%s is no page", (path) => {
    expect(pageFor(path)).toBeUndefined();
  });

  it("serves a shell with its script, the stylesheet, a strict CSP and no inline script", async () => {
    const res = await app.request("/console/editions");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/console/assets/editions.js"></script>');
    expect(html).toContain('href="/console/assets/console.css"');
    expect(html).not.toMatch(/<script>(?!<)/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("lets only the pages that preview an email have inline styles and https images, never scripts", () => {
    for (const page of Object.values(CONSOLE_PAGES)) {
      const csp = consoleCsp(page);
      expect(csp).toContain("script-src 'self';");
      expect(csp.includes("'unsafe-inline'"), page.name).toBe(
        page.name === "edition" || page.name === "briefing",
      );
    }
  });

  it("marks the current page in the navigation, and the sign-in page has none", () => {
    expect(shellHtml(CONSOLE_PAGES.audit)).toContain('<a href="/console/audit" aria-current="page">');
    expect(shellHtml(CONSOLE_PAGES.signIn)).not.toContain("<nav");
  });

  it("sends /console and unknown pages to the editions", async () => {
    for (const path of ["/console", "/console/nowhere"]) {
      const res = await app.request(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/console/editions");
    }
  });
});

describe("the console's assets", () => {
  it("serves gzip to a browser that takes it, plain otherwise, with the right type", async () => {
    const zipped = await app.request("/console/assets/editions.js", {
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("content-type")).toContain("text/javascript");
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe("console.log('editions')");
    const plain = await app.request("/console/assets/console.css");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe("body{margin:0}");
  });

  it("answers 404 for a file it does not have, and never reads outside its map", async () => {
    expect((await app.request("/console/assets/nope.js")).status).toBe(404);
    expect((await app.request("/console/assets/..%2Fpackage.json")).status).toBe(404);
  });

  it("leaves every other path to the API when mounted beside it", async () => {
    const both = withConsole(async () => new Response("api"), app);
    expect(await (await both(new Request("http://x/v1/editions"))).text()).toBe("api");
    expect(await (await both(new Request("http://x/consoles"))).text()).toBe("api");
    expect(
      (await both(new Request("http://x/console/editions"))).headers.get("content-security-policy"),
    ).toBeTruthy();
  });
});

describe("the console's copy of the pause limits", () => {
  it("equals the domain's", () => {
    expect(limits.BOUNCE_RATE_LIMIT).toBe(BOUNCE_RATE_LIMIT);
    expect(limits.COMPLAINT_RATE_LIMIT).toBe(COMPLAINT_RATE_LIMIT);
  });
});
