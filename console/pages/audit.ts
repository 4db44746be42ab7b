import { api } from "../lib/api.js";
import { append, h, section } from "../lib/dom.js";
import { fmtTime } from "../lib/format.js";
import { startPage } from "../lib/session.js";
import type { AuditItem } from "../lib/types.js";
import { messageOf, notice } from "../lib/ui.js";

/** Who did what, newest first, a page at a time. */
async function main() {
  const { main } = await startPage();
  const said = notice();
  const body = h("tbody");
  const more = h("button", { type: "button", hidden: true }, "Show older entries");
  let cursor: string | undefined;
  const load = async () => {
    const q = new URLSearchParams({ limit: "50", ...(cursor ? { cursor } : {}) });
    const page = await api<{ items: AuditItem[]; nextCursor?: string }>("GET", `/v1/audit?${q}`);
    cursor = page.nextCursor ?? undefined;
    more.hidden = !cursor;
    append(
      body,
      ...page.items.map((i) =>
        h(
          "tr",
          {},
          h("td", {}, fmtTime(i.at)),
          h("td", {}, i.actor),
          h("td", {}, i.role ?? "—"),
          h("td", {}, i.action),
          h("td", {}, i.target ?? "—"),
          h("td", {}, i.details === undefined ? "—" : h("code", {}, JSON.stringify(i.details))),
        ),
      ),
    );
    if (!body.children.length) said.say("Nothing recorded yet.");
  };
  more.addEventListener("click", () => void load().catch((e) => said.say(messageOf(e), true)));
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
          { id: "audit" },
          h("caption", { class: "visually-hidden" }, "Audit log, newest first"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["When", "Who", "Role", "Action", "Target", "Details"].map((t) =>
                h("th", { scope: "col" }, t),
              ),
            ),
          ),
          body,
        ),
      ),
      more,
    ),
  );
  await load().catch((e) => said.say(messageOf(e), true));
}

void main();
