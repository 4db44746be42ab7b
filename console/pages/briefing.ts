import { actionBar } from "../lib/actions.js";
import { api } from "../lib/api.js";
import { h, replace, section } from "../lib/dom.js";
import { drawEmail } from "../lib/email-preview.js";
import { fmtTime } from "../lib/format.js";
import { startPage } from "../lib/session.js";
import { engagementSection } from "../lib/stats-view.js";
import { BOUNCE_RATE_LIMIT, COMPLAINT_RATE_LIMIT } from "../lib/thresholds.js";
import type { Briefing, EmailView } from "../lib/types.js";
import {
  countsList,
  healthOf,
  isActive,
  messageOf,
  notice,
  poll,
  progressBar,
  stalledNotice,
  statusBadge,
} from "../lib/ui.js";

/** One briefing: progress, counts, health, its articles, actions, and each topic combination's email. */
async function main() {
  const { main } = await startPage();
  const id = decodeURIComponent(location.pathname.split("/").pop() ?? "");
  const base = `/v1/briefings/${encodeURIComponent(id)}`;
  const said = notice();
  const actions = h("div", { id: "actions" });
  const live = h("div", { id: "live" });
  let actionsFor = "";

  const draw = (b: Briefing) => {
    replace(
      main.querySelector("h1") as HTMLElement,
      `Briefing of ${b.day.slice(0, 4)}-${b.day.slice(4, 6)}-${b.day.slice(6, 8)}`,
    );
    if (actionsFor !== b.status) {
      actionsFor = b.status;
      replace(actions, actionBar(base, b.status, "briefing", refresh, said));
    }
    replace(
      live,
      h("p", { class: "status-line" }, statusBadge(b.status), b.statusReason ? ` ${b.statusReason}` : ""),
      stalledNotice(b),
      progressBar(b.counts, b.status, "Sending progress"),
      section("Counts", countsList(b.counts)),
      section(
        "Health",
        ...healthOf(b.counts, b.health, { bounce: BOUNCE_RATE_LIMIT, complaint: COMPLAINT_RATE_LIMIT }),
      ),
      section(
        "Articles",
        b.window
          ? h("p", {}, `Published from ${fmtTime(b.window.from)} to ${fmtTime(b.window.until)}.`)
          : null,
        h(
          "ul",
          {},
          ...(b.editions ?? []).map((e) =>
            h("li", {}, h("a", { href: `/console/editions/${encodeURIComponent(e)}` }, e)),
          ),
        ),
      ),
    );
  };
  async function refresh() {
    draw(await api<Briefing>("GET", base));
  }

  let briefing: Briefing;
  try {
    briefing = await api<Briefing>("GET", base);
  } catch (error) {
    said.say(messageOf(error), true);
    main.append(said.el);
    return;
  }
  main.append(said.el, actions, live);
  draw(briefing);
  main.append(engagementSection(base), rendersSection(base, briefing));
  poll(async () => {
    const fresh = await api<Briefing>("GET", base);
    if (JSON.stringify(fresh) !== JSON.stringify(briefing)) draw(fresh);
    briefing = fresh;
    return isActive(fresh.status) || fresh.status === "paused";
  });
}

/** Each topic combination's rendering, chosen from a list and previewed like an edition's email. */
function rendersSection(base: string, briefing: Briefing): HTMLElement {
  const combos = briefing.combos ?? [];
  if (!combos.length) {
    return section(
      "Topic combinations",
      h(
        "p",
        {},
        `${briefing.renders ?? 0} topic combinations rendered (one email each, whatever the number of readers).`,
      ),
    );
  }
  const preview = h("div", {});
  const choose = h(
    "select",
    { id: "combination" },
    ...combos.map((c) => h("option", { value: c }, c.split("+").join(" + "))),
  );
  const show = async () => {
    try {
      drawEmail(preview, await api<EmailView>("GET", `${base}/renders/${encodeURIComponent(choose.value)}`));
    } catch (error) {
      replace(preview, h("p", { class: "notice" }, `No email to show: ${messageOf(error)}`));
    }
  };
  choose.addEventListener("change", () => void show());
  void show();
  return section(
    "Topic combinations",
    h("p", {}, `${combos.length} combinations rendered, one email each.`),
    h("label", { for: "combination" }, "Preview the email for readers of"),
    choose,
    preview,
  );
}

void main();
