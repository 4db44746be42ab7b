import { api } from "../lib/api.js";
import { h, replace, section } from "../lib/dom.js";
import { fmtNumber, fmtTime } from "../lib/format.js";
import { startPage } from "../lib/session.js";
import type { Edition } from "../lib/types.js";
import { isActive, messageOf, notice, poll, progressBar, statusBadge } from "../lib/ui.js";

/** Editions, newest first; the progress bars move while anything sends (polling, no reload). */
async function main() {
  const { main } = await startPage();
  const status = notice();
  const body = h("tbody");
  const more = h("button", { type: "button", hidden: true }, "Show older editions");
  let cursor: string | undefined;
  let editions: Edition[] = [];

  const row = (e: Edition) =>
    h(
      "tr",
      { "data-edition": e.id },
      h("td", {}, h("a", { href: `/console/editions/${encodeURIComponent(e.id)}` }, e.title)),
      h("td", {}, statusBadge(e.status)),
      h("td", {}, progressBar(e.counts, e.status, `Progress of ${e.title}`)),
      h("td", { class: "num" }, fmtNumber(e.counts.sent)),
      h("td", {}, fmtTime(e.createdAt)),
    );
  const draw = () => replace(body, ...editions.map(row));

  const load = async (after?: string) => {
    const q = new URLSearchParams({ limit: "25", ...(after ? { cursor: after } : {}) });
    const page = await api<{ editions: Edition[]; cursor?: string }>("GET", `/v1/editions?${q}`);
    return page;
  };
  try {
    const first = await load();
    editions = first.editions;
    cursor = first.cursor;
  } catch (e) {
    status.say(messageOf(e), true);
  }
  more.hidden = !cursor;
  more.addEventListener("click", async () => {
    const next = await load(cursor);
    editions = [...editions, ...next.editions];
    cursor = next.cursor;
    more.hidden = !cursor;
    draw();
  });
  draw();
  main.append(
    status.el,
    section(
      "Newest first",
      h(
        "div",
        {
          class: "scroll",
          tabindex: 0,
          role: "region",
          "aria-label": "Table (scrolls sideways on a narrow screen)",
        },
        h(
          "table",
          {},
          h("caption", { class: "visually-hidden" }, "Editions, newest first"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["Title", "Status", "Progress", "Sent", "Created"].map((t) => h("th", { scope: "col" }, t)),
            ),
          ),
          body,
        ),
      ),
      more,
    ),
  );
  if (editions.length === 0) status.say("No editions yet: publish an article and it appears here.");

  // Refresh the first page while any edition on it is still going.
  poll(async () => {
    if (!editions.some((e) => isActive(e.status))) {
      // Something new may start at any time: look again, but rarely.
      await new Promise((r) => setTimeout(r, 3000));
    }
    const fresh = await load();
    const seen = new Set(fresh.editions.map((e) => e.id));
    editions = [...fresh.editions, ...editions.slice(25).filter((e) => !seen.has(e.id))];
    draw();
    return true;
  });
}

void main();
