import { describe, expect, it } from "vitest";
import { sanitizeArticleHtml } from "../../../functions/render/sanitize.js";

const ARTICLE_URL = "https://news.example/2025/02/story";
const clean = (html: string) => sanitizeArticleHtml(html, ARTICLE_URL);

describe("sanitizeArticleHtml", () => {
  it.each([
    ["a script with its code", "<p>a</p><script>alert(1)</script>", "<p>a</p>"],
    ["a style sheet", "<style>p{color:red}</style><p>a</p>", "<p>a</p>"],
    [
      "an iframe with its fallback",
      '<iframe src="https://evil.example">fallback</iframe><p>a</p>',
      "<p>a</p>",
    ],
    ["event handlers", '<p onclick="alert(1)">a</p>', "<p>a</p>"],
    ["style and class attributes", '<p style="color:red" class="x">a</p>', "<p>a</p>"],
    ["an image without a usable source", "<p>a<img onerror=alert(1)></p>", "<p>a</p>"],
  ])("removes %s", (_, input, expected) => {
    // Act
    const output = clean(input);

    // Assess
    expect(output).toBe(expected);
  });

  it.each([
    ["javascript:", '<a href="javascript:alert(1)">x</a>'],
    ["javascript: with a tab", '<a href="java\tscript:alert(1)">x</a>'],
    ["javascript: as entities", '<a href="&#106;avascript&colon;alert(1)">x</a>'],
    ["data:", '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ["vbscript:", '<a href="vbscript:msgbox(1)">x</a>'],
  ])("drops %s links but keeps their text", (_, input) => {
    // Act
    const output = clean(input);

    // Assess
    expect(output).toBe("<a>x</a>");
  });

  it("resolves relative links against the article URL and marks every link noopener", () => {
    // Act
    const output = clean(
      '<p><a href="/about">about</a> <a href="next">next</a> <a href="#notes">notes</a></p>',
    );

    // Assess
    expect(output).toBe(
      '<p><a href="https://news.example/about" rel="noopener" target="_blank">about</a> ' +
        '<a href="https://news.example/2025/02/next" rel="noopener" target="_blank">next</a> ' +
        '<a href="https://news.example/2025/02/story#notes" rel="noopener" target="_blank">notes</a></p>',
    );
  });

  it("keeps http(s) images only, resolved, plain http asked for over https, with an alt attribute", () => {
    // Act
    const output = clean(
      '<img src="/a.jpg" alt="Flags"><img src="http://plain.example/b.jpg"><img src="data:image/png;base64,AA"><img src="https://cdn.example/c.jpg" srcset="x 2x" width="2000">',
    );

    // Assess
    expect(output).toBe(
      '<img src="https://news.example/a.jpg" alt="Flags" /><img src="https://plain.example/b.jpg" alt="" /><img src="https://cdn.example/c.jpg" alt="" />',
    );
  });

  it("keeps news body copy", () => {
    // Prepare
    const copy =
      "<h2>Head</h2><p><strong>b</strong> <em>i</em><br /></p><ul><li>one</li></ul><ol><li>two</li></ol>" +
      "<blockquote>q</blockquote>" +
      '<figure><img src="https://news.example/f.jpg" alt="" /><figcaption>c</figcaption></figure><hr />' +
      '<table><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>';

    // Act
    const output = clean(copy);

    // Assess
    expect(output).toBe(copy);
  });

  it("maps headings and presentational tags onto the allowed ones", () => {
    // Act
    const output = clean("<h1>a</h1><h6>b</h6><b>c</b><i>d</i><div><span>e</span></div>");

    // Assess
    expect(output).toBe("<h2>a</h2><h4>b</h4><strong>c</strong><em>d</em>e");
  });

  it("makes placeholders inert in text, entities and URLs", () => {
    // Act
    const output = clean(
      '<p>{{unsubscribeUrl}} {{{evil}}} &#123;&#123;x&#125;&#125;</p><a href="https://x.example/?q={{unsubscribeUrl}}">q</a>',
    );

    // Assess
    expect(output).not.toContain("{{");
    expect(output).not.toContain("}}");
    expect(output).toContain('href="https://x.example/?q=%7B%7BunsubscribeUrl%7D%7D"');
  });

  it("does not break the next link after a dropped one", () => {
    // Act
    const output = clean('<p><a>bare</a> <a href="mailto:desk@news.example">desk</a></p>');

    // Assess
    expect(output).toBe(
      '<p><a>bare</a> <a href="mailto:desk@news.example" rel="noopener" target="_blank">desk</a></p>',
    );
  });
});

describe("figures and images on plain http", () => {
  const base = "https://news.example/story";
  it("asks for an http image over https and keeps its caption", () => {
    expect(
      sanitizeArticleHtml(
        '<figure><img src="http://news.example/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>',
        base,
      ),
    ).toBe('<figure><img src="https://news.example/a.jpg" alt="A" /><figcaption>Cap</figcaption></figure>');
  });

  it.each([
    '<figure><img src="data:image/png;base64,AAAA"><figcaption>Cap</figcaption></figure>',
    '<figure><a href="/x"><img src="javascript:x()"></a><figcaption>Cap</figcaption></figure>',
    '<figure><iframe src="https://video.example/embed"></iframe><figcaption>Watch</figcaption></figure>',
  ])("drops a figure whose image or embed is gone, caption and all: %s", (html) => {
    expect(sanitizeArticleHtml(`${html}<p>Next</p>`, base)).toBe("<p>Next</p>");
  });

  it("keeps a figure that holds a quote", () => {
    const quote = "<figure><blockquote>Words.</blockquote><figcaption>Someone</figcaption></figure>";
    expect(sanitizeArticleHtml(quote, base)).toBe(quote);
  });
});
