import { describe, expect, it } from "vitest";
import { shownImageUrl } from "../../../functions/domain/image-url.js";

describe("shownImageUrl", () => {
  it.each([
    ["http://news.example/a.jpg", "https://news.example/a.jpg"],
    ["http://news.example:80/a b.jpg?w=600", "https://news.example/a%20b.jpg?w=600"],
    ["https://news.example/a.jpg", "https://news.example/a.jpg"],
    // Loopback is a trustworthy origin (W3C Secure Contexts): a newsroom trying Herald locally.
    ["http://127.0.0.1:8080/a.png", "http://127.0.0.1:8080/a.png"],
    ["http://localhost/a.png", "http://localhost/a.png"],
    ["data:image/png;base64,AAAA", undefined],
    ["javascript:alert(1)", undefined],
    ["ftp://news.example/a.jpg", undefined],
    ["not a url", undefined],
  ])("%s → %s", (input, shown) => {
    expect(shownImageUrl(input)).toBe(shown);
  });
});
