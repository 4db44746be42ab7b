import { describe, expect, it } from "vitest";
import { bulkEmailBody } from "../../../../functions/adapters/ses/bulk-email-body.js";

/** A SendBulkEmail input as Herald's mailer builds it: inline template, per-recipient entries. */
function bulkInput(overrides: { subject?: string; html?: string; to?: string[] } = {}) {
  const to = overrides.to ?? ["ada@example.org", "zoë@example.org"];
  return {
    FromEmailAddress: "The Daily Herald <news@example.org>",
    DefaultEmailTags: [{ Name: "edition", Value: "ed_1" }],
    DefaultContent: {
      Template: {
        TemplateContent: {
          Subject: overrides.subject ?? "Floods — what we know",
          Html: overrides.html ?? '<p class="lead">Rain “all week” 🌧 <a href="{{unsubscribeUrl}}">x</a></p>',
          Text: "Rain all week\n",
        },
        TemplateData: "{}",
      },
    },
    BulkEmailEntries: to.map((address) => ({
      Destination: { ToAddresses: [address] },
      ReplacementEmailContent: {
        ReplacementTemplate: { ReplacementTemplateData: JSON.stringify({ unsubscribeUrl: `u?${address}` }) },
      },
    })),
  };
}
const parsed = (body: Buffer) => JSON.parse(body.toString("utf8")) as unknown;

describe("bulkEmailBody", () => {
  it("encodes the input as its JSON, non-ASCII text and emoji included", () => {
    const input = bulkInput();

    expect(parsed(bulkEmailBody(input))).toEqual(input);
  });

  it("gives each call its own entries when the template is the same", () => {
    const first = bulkInput({ to: ["a@example.org"] });
    const second = bulkInput({ to: ["b@example.org", "c@example.org"] });

    bulkEmailBody(first);
    const body = bulkEmailBody(second);

    expect(parsed(body)).toEqual(second);
  });

  it("does not reuse a kept template whose subject changed under the same HTML", () => {
    bulkEmailBody(bulkInput({ subject: "Old subject" }));

    const input = bulkInput({ subject: "New subject" });

    expect(parsed(bulkEmailBody(input))).toEqual(input);
  });

  it("still encodes the first templates right after more than it keeps have passed", () => {
    const inputs = Array.from({ length: 40 }, (_, i) => bulkInput({ html: `<p>edition ${i} ’</p>` }));
    for (const input of inputs) bulkEmailBody(input);

    for (const input of inputs) expect(parsed(bulkEmailBody(input))).toEqual(input);
  });

  it("encodes any other DefaultContent whole, and an input of only the template", () => {
    const stored = { ...bulkInput(), DefaultContent: { Template: { TemplateName: "weekly" } } };
    const { DefaultContent } = bulkInput();

    expect(parsed(bulkEmailBody(stored))).toEqual(stored);
    expect(parsed(bulkEmailBody({ DefaultContent }))).toEqual({ DefaultContent });
    expect(parsed(bulkEmailBody({ BulkEmailEntries: [] }))).toEqual({ BulkEmailEntries: [] });
  });
});
