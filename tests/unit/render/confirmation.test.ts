import { describe, expect, it } from "vitest";
import { renderConfirmation } from "../../../functions/render/confirmation.js";
import { config } from "./fixtures/article.js";

const confirmUrl = "https://herald.example/v1/confirm?token=c.abc.dev1.lz5k0.sig";

describe("the confirmation email", () => {
  it("has a subject, both parts, the confirm link and the postal address, and no list footer", async () => {
    const message = await renderConfirmation(
      { confirmUrl, topics: ["world", "politics"], cadence: "daily" },
      config,
    );

    expect(message.subject).toBe("Confirm your subscription to News Zier");
    expect(message.html).toContain(`href="${confirmUrl}"`);
    expect(message.text).toContain(confirmUrl);
    expect(message.text).toContain("world, politics, one daily briefing");
    expect(message.html).toContain("Munich 80331, Germany");
    expect(message.text).toContain("Munich 80331, Germany");
    expect(`${message.html}${message.text}`).not.toMatch(/unsubscribe|\{\{|\[\[/i);
  });

  it("escapes the brand name and keeps SES placeholders inert", async () => {
    const hostile = { ...config, brand: { ...config.brand, name: "<b>News</b> {{x}}" } };
    const message = await renderConfirmation({ confirmUrl, topics: ["world"], cadence: "instant" }, hostile);
    expect(message.html).toContain("&lt;b&gt;News&lt;/b&gt;");
    expect(`${message.subject}${message.html}${message.text}`).not.toContain("{{");
  });
});
