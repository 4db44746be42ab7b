import { api } from "../lib/api.js";
import { h, replace, section } from "../lib/dom.js";
import { fmtNumber, fmtTime } from "../lib/format.js";
import { startPage } from "../lib/session.js";
import type { Briefing } from "../lib/types.js";
import { isActive, messageOf, notice, poll, progressBar, statusBadge } from "../lib/ui.js";

const dayOf = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const rendersOf = (b: Briefing) => b.combos?.length ?? b.renders ?? 0;

/** Daily briefings, newest first, with their progress while they send. */
async function main() {
  const { main } = await startPage();
  const said = notice();
  const body = h("tbody");
  let briefings: Briefing[] = [];
  const load = () => api<{ briefings: Briefing[]; cursor?: string }>("GET", "/v1/briefings?limit=30");
  const draw = () =>
    replace(
      body,
      ...briefings.map((b) =>
        h(
          "tr",
          { "data-briefing": b.id },
          h("td", {}, h("a", { href: `/console/briefings/${encodeURIComponent(b.id)}` }, dayOf(b.day))),
          h("td", {}, statusBadge(b.status)),
          h("td", {}, progressBar(b.counts, b.status, `Progress of the briefing of ${dayOf(b.day)}`)),
          h("td", { class: "num" }, fmtNumber(b.editions?.length)),
          h("td", { class: "num" }, fmtNumber(rendersOf(b))),
          h("td", {}, fmtTime(b.createdAt)),
        ),
      ),
    );
  try {
    briefings = (await load()).briefings;
  } catch (error) {
    said.say(messageOf(error), true);
  }
  draw();
  main.append(
    said.el,
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
          h("caption", { class: "visually-hidden" }, "Daily briefings, newest first"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["Day", "Status", "Progress", "Articles", "Renders", "Started"].map((t) =>
                h("th", { scope: "col" }, t),
              ),
            ),
          ),
          body,
        ),
      ),
    ),
  );
  if (!briefings.length) said.say("No briefings yet: the first goes out at the configured hour.");
  poll(async () => {
    if (!briefings.some((b) => isActive(b.status))) await new Promise((r) => setTimeout(r, 3000));
    briefings = (await load()).briefings;
    draw();
    return true;
  });
}

void main();
