import { describe, expect, it } from "vitest";
import { apiReferencePage } from "../../../functions/console/reference-page.js";

const hostile = '<img src=x onerror=alert(1)>"';
const doc = {
  info: { title: hostile, description: `Uses \`code\` and ${hostile}` },
  paths: {
    [`/v1/${hostile}`]: {
      post: {
        summary: hostile,
        security: [{ adminKey: [] }, { session: [] }],
        "x-herald-role": "editor",
        parameters: [{ name: hostile, in: "query", schema: { type: "string", maxLength: 5 } }],
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["topics"],
                properties: {
                  topics: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 5 },
                  cadence: { type: "string", enum: ["instant", hostile], default: "instant" },
                  [hostile]: { type: "string", description: hostile },
                },
              },
            },
          },
        },
        responses: { "202": { description: hostile }, "400": { description: "`bad_request`" } },
      },
    },
  },
};

describe("the API reference page", () => {
  it("shows fields, types, bounds and access, and escapes everything the document says", () => {
    // Act
    const html = apiReferencePage(doc);

    // Assess
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/="[^"]*"[^ >]/);
    expect(html).toContain("<code>topics</code> string[] 1–5 <b>required</b>");
    expect(html).toContain("= &quot;instant&quot;");
    expect(html).toContain("adminKey or session, role editor");
    expect(html).toContain("<code>bad_request</code>");
  });
});
