import { accountEngagementSection } from "../lib/account-engagement-view.js";
import { api } from "../lib/api.js";
import { h, section, table } from "../lib/dom.js";
import { fmtTime } from "../lib/format.js";
import { startPage } from "../lib/session.js";
import { messageOf, notice } from "../lib/ui.js";

interface Account {
  network: string;
  account: string;
  status: string;
  reason?: string;
  since?: string;
  lastPostAt?: string;
  lastPostUrl?: string;
  lastError?: string;
  lastErrorAt?: string;
}

/** Each social account's health: posting fine, or a person must act (credentials flagged). */
async function main() {
  const { main } = await startPage();
  const said = notice();
  main.append(said.el);
  try {
    const { accounts } = await api<{ accounts: Account[] }>("GET", "/v1/social/accounts");
    if (!accounts.length) return said.say("No social accounts are configured.");
    main.append(
      section(
        "Accounts",
        h(
          "div",
          {
            class: "scroll",
            tabindex: 0,
            role: "region",
            "aria-label": "Table (scrolls sideways on a narrow screen)",
          },
          table(
            "The newsroom's social accounts",
            ["Network", "Account", "Health", "Credentials", "Last post", "Last error"],
            accounts.map((a) => [
              a.network,
              a.account,
              h(
                "span",
                { class: a.status === "ok" ? "badge badge-sent" : "badge badge-failed" },
                a.status === "ok" ? "ok" : "needs attention",
              ),
              a.status === "ok" ? "fine" : `flagged${a.since ? ` since ${fmtTime(a.since)}` : ""}`,
              a.lastPostAt ? fmtTime(a.lastPostAt) : "—",
              a.lastError ?? a.reason ?? "—",
            ]),
          ),
        ),
      ),
      accountEngagementSection(),
    );
  } catch (error) {
    said.say(messageOf(error), true);
  }
}

void main();
