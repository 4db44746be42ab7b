import { describe, expect, it } from "vitest";
import { TEST_BANNER_TEXT, testCopy } from "../../../functions/render/test-copy.js";

const footer =
  '<!--herald:personal--><tr><td><a href="{{unsubscribeUrl}}">Unsubscribe</a></td></tr><!--/herald:personal-->';
const text =
  "Title\n\nBody\n--\nA line\n--\nYou receive this because you subscribed to X.\nUnsubscribe: {{unsubscribeUrl}}\nPreferences: {{preferencesUrl}}\n1 Main St\n";

describe("a test send's copy", () => {
  it("fills the banner slot and replaces the recipient's links with a note", () => {
    const html = `<body><!--herald:test-banner--><!--/herald:test-banner-->${footer}</body>`;
    const copy = testCopy({ html, text });
    expect(copy.html).toContain(TEST_BANNER_TEXT);
    expect(copy.html).not.toMatch(/\{\{|herald:/);
    // The note goes in the footer (the last "--"), not in a "--" the article body happened to have.
    expect(copy.text).toBe(
      `${TEST_BANNER_TEXT}\n\nTitle\n\nBody\n--\nA line\n--\nReaders receive this edition with their own unsubscribe and preference links here.\n1 Main St\n`,
    );
  });

  it("puts a banner at the top of a render stored before the slot existed", () => {
    const copy = testCopy({ html: `<body style="x">${footer}<p>News</p></body>`, text });
    expect(copy.html.indexOf(TEST_BANNER_TEXT)).toBeLessThan(copy.html.indexOf("News"));
    expect(copy.html.startsWith('<body style="x"><table')).toBe(true);
  });
});
