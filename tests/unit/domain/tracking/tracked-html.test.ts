import { describe, expect, it } from "vitest";
import { trackingModeOf } from "../../../../functions/domain/tracking/mode.js";
import { emailLinks, trackedHtml } from "../../../../functions/domain/tracking/tracked-html.js";

const html = `<html><body>
<a href="https://news.example/story?a=1&amp;b=2" style="x">Title</a>
<a href='https://news.example/story?a=1&amp;b=2'>Read more</a>
<a href="https://bsky.app/intent/compose?text=hi">Share</a>
<a href="{{unsubscribeUrl}}">Unsubscribe</a> <a href="mailto:desk@news.example">Write</a>
</body></html>`;

describe("the tracked form of an email", () => {
  it("lists each http(s) link once, decoded, in order", () => {
    expect(emailLinks(html)).toEqual([
      "https://news.example/story?a=1&b=2",
      "https://bsky.app/intent/compose?text=hi",
    ]);
  });

  it("points links at the redirect by index and leaves placeholders, mailto and text alone", () => {
    const { html: out, links, pixel } = trackedHtml(html, "https://n.example", { clicks: true, opens: true });
    expect(links).toBe(2);
    expect(pixel).toBe(true);
    expect(out.match(/https:\/\/n\.example\/r\/\{\{trk\}\}\.0["']/g)).toHaveLength(2);
    expect(out).toContain('href="https://n.example/r/{{trk}}.1" ses:no-track>Share');
    expect(out).toContain('href="{{unsubscribeUrl}}"');
    expect(out).toContain('href="mailto:desk@news.example"');
    expect(out).not.toContain("news.example/story");
    expect(out).toMatch(/<img src="https:\/\/n\.example\/o\/\{\{trk\}\}"[^>]*\/><\/body>/);
  });

  it("changes nothing with tracking off, and adds no pixel with clicks only", () => {
    expect(trackedHtml(html, "https://n.example", { clicks: false, opens: false })).toEqual({
      html,
      links: 0,
      pixel: false,
    });
    expect(trackedHtml(html, "https://n.example", { clicks: true, opens: false }).html).not.toContain("/o/");
  });

  it("reads HERALD_TRACKING strictly", () => {
    expect(trackingModeOf(undefined)).toBe("clicks");
    expect(trackingModeOf("off")).toBe("off");
    expect(trackingModeOf(" clicks , opens ")).toBe("opens,clicks");
    expect(() => trackingModeOf("opens")).toThrow(/HERALD_TRACKING/);
    expect(() => trackingModeOf("on")).toThrow(/HERALD_TRACKING/);
  });
});
