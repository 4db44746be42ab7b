import { describe, expect, it } from "vitest";
import { configFromEnv } from "../../../../functions/adapters/env-config.js";
import { preferencesPage } from "../../../../functions/api/pages/preferences-page.js";
import { aSubscriber } from "../../../helpers/send-factories.js";

const config = configFromEnv({ HERALD_PUBLIC_URL: "https://news.example.test" });

describe("the preference page", () => {
  it("says which address it manages, masked", () => {
    // Act
    const html = preferencesPage(
      config,
      aSubscriber(1, { email: "jane.doe@example.org" }),
      "/v1/preferences",
    );

    // Assess
    expect(html).toContain("j***@example.org");
    expect(html).not.toContain("jane.doe");
  });

  it("escapes the address it shows", () => {
    // Act: an address no sign-up lets through, as a record could still hold one (an old import).
    const html = preferencesPage(
      config,
      aSubscriber(1, { email: 'x"><script>alert(1)</script>@<img src=x onerror=alert(1)>.org' }),
      "/v1/preferences",
    );

    // Assess
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("x***@&lt;img src=x onerror=alert(1)&gt;.org");
  });
});
