import { actionBar, testSendForm } from "../lib/actions.js";
import { api } from "../lib/api.js";
import { lineChart } from "../lib/chart.js";
import { h, replace, safeHref, section, table } from "../lib/dom.js";
import { emailPreview } from "../lib/email-preview.js";
import { fmtNumber, fmtTime, timeZone } from "../lib/format.js";
import { startPage } from "../lib/session.js";
import { socialEngagementTable } from "../lib/social-engagement-view.js";
import { engagementSection } from "../lib/stats-view.js";
import { BOUNCE_RATE_LIMIT, COMPLAINT_RATE_LIMIT } from "../lib/thresholds.js";
import type { Edition, SocialPost } from "../lib/types.js";
import {
  countsList,
  doneOf,
  healthOf,
  isActive,
  messageOf,
  notice,
  poll,
  progressBar,
  stalledNotice,
  statusBadge,
} from "../lib/ui.js";

/** One edition: progress, counts, health, the email, the card, social posts, shares and actions. */
async function main() {
  const { main } = await startPage();
  const id = decodeURIComponent(location.pathname.split("/").pop() ?? "");
  const base = `/v1/editions/${encodeURIComponent(id)}`;
  const said = notice();
  const live = h("div", { id: "live" });
  const actions = h("div", { id: "actions" });
  let actionsFor = "";
  const heading = main.querySelector("h1") as HTMLElement;
  /** Recipients worked off, sampled at each poll: the send rate over time while this page is open. */
  const samples: Array<{ at: number; done: number }> = [];

  const draw = (e: Edition) => {
    replace(heading, e.title);
    // Rebuilt only when the status changes: a focused button or a half-typed time must survive polls.
    if (actionsFor !== e.status) {
      actionsFor = e.status;
      replace(actions, actionBar(base, e.status, "edition", refresh, said));
    }
    document.title = `${e.title} · Herald console`;
    samples.push({ at: Date.now(), done: doneOf(e.counts) });
    const rates = samples.slice(1).map((s, i) => {
      const prev = samples[i] as { at: number; done: number };
      return Math.max(0, ((s.done - prev.done) * 60_000) / Math.max(1, s.at - prev.at));
    });
    replace(
      live,
      h(
        "p",
        { class: "status-line" },
        statusBadge(e.status),
        e.statusReason ? ` ${e.statusReason}` : "",
        e.sendAt ? ` · sends at ${fmtTime(e.sendAt)} (${timeZone()})` : "",
        e.heldSince ? ` · held since ${fmtTime(e.heldSince)}` : "",
        ` · created ${fmtTime(e.createdAt)}`,
      ),
      stalledNotice(e),
      progressBar(e.counts, e.status, "Sending progress"),
      section("Counts", countsList(e.counts)),
      section(
        "Health",
        ...healthOf(e.counts, e.health, { bounce: BOUNCE_RATE_LIMIT, complaint: COMPLAINT_RATE_LIMIT }),
      ),
      section("Send rate", sendRateChart(e, samples, rates)),
      section(
        "Social posts",
        socialTable(e.social ?? []),
        e.social?.length ? socialEngagementTable(e.social, Date.now()) : null,
      ),
      section(
        "Shares by readers",
        Object.keys(e.shares ?? {}).length
          ? table(
              "Shares by network",
              ["Network", "Shares"],
              Object.entries(e.shares ?? {}).map(([n, c]) => [n, fmtNumber(c)]),
            )
          : h("p", {}, "No shares yet."),
      ),
    );
  };

  async function refresh(): Promise<void> {
    draw(await api<Edition>("GET", base));
  }

  let edition: Edition;
  try {
    edition = await api<Edition>("GET", base);
  } catch (error) {
    said.say(messageOf(error), true);
    main.append(said.el);
    return;
  }
  main.append(said.el, actions, live);
  draw(edition);
  main.append(
    engagementSection(base),
    section("Test send", testSendForm(`${base}/test`)),
    emailPreview(`${base}/email`),
    section(
      "Social card",
      h("img", {
        src: `${base}/card.png`,
        alt: `The social card for “${edition.title}”`,
        class: "card-image",
        width: 600,
      }),
    ),
  );
  poll(async () => {
    const fresh = await api<Edition>("GET", base);
    const changed = JSON.stringify(fresh) !== JSON.stringify(edition);
    edition = fresh;
    // Redrawing moves focus away: only when something changed (the action bar is rebuilt too).
    if (changed || isActive(fresh.status)) draw(fresh);
    return isActive(fresh.status) || fresh.status === "held" || fresh.status === "paused";
  }, 1500);
}

/** The API's per-minute counters when it has them; else what this page saw between its polls. */
function sendRateChart(e: Edition, samples: Array<{ at: number }>, rates: number[]): HTMLElement {
  if (e.sendRate?.length) {
    return lineChart(
      "Recipients sent per minute (UTC)",
      e.sendRate.map((r) => r.minute.slice(11)),
      [{ name: "recipients per minute", className: "s1", values: e.sendRate.map((r) => r.sent) }],
    );
  }
  if (rates.length > 1) {
    return lineChart(
      "Recipients per minute while this page was open",
      samples.slice(1).map((s) => new Date(s.at).toLocaleTimeString("en-GB")),
      [{ name: "recipients per minute", className: "s1", values: rates }],
    );
  }
  return h("p", {}, "Nothing sent yet.");
}

function socialTable(posts: SocialPost[]): HTMLElement {
  if (!posts.length) return h("p", {}, "No social posts for this edition.");
  return h(
    "div",
    {
      class: "scroll",
      tabindex: 0,
      role: "region",
      "aria-label": "Table (scrolls sideways on a narrow screen)",
    },
    table(
      "Posts to the newsroom's accounts",
      ["Network", "Account", "Status", "Link or error"],
      posts.map((p) => {
        const href = safeHref(p.url);
        return [
          p.network,
          p.account,
          p.status,
          href ? h("a", { href, rel: "noopener noreferrer" }, "View post") : (p.error ?? p.message ?? "—"),
        ];
      }),
    ),
  );
}

void main();
