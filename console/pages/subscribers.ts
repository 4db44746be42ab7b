import { api } from "../lib/api.js";
import { audienceSection } from "../lib/audience-view.js";
import { lineChart } from "../lib/chart.js";
import { csvImport } from "../lib/csv-import.js";
import { h, replace, section, table } from "../lib/dom.js";
import { fmtNumber, fmtTime } from "../lib/format.js";
import { startPage } from "../lib/session.js";
import { confirmStep, messageOf, notice } from "../lib/ui.js";

interface Stats {
  totals: {
    byStatus: Record<string, number>;
    byTopic: Record<string, number>;
    byCadence: Record<string, number>;
  };
  growth: Array<{
    day: string;
    signups: number;
    confirmations: number;
    unsubscribes: number;
    bounces?: number;
    complaints?: number;
  }>;
}

interface Subscriber {
  email: string;
  name?: string;
  status: string;
  topics: string[];
  cadence: string;
  createdAt: string;
  updatedAt?: string;
  consent?: { at: string; source: string; confirmedAt?: string };
}

/** Subscribers: totals, growth, look-up (erase, lift a suppression), CSV import and export. */
async function main() {
  const { main } = await startPage();
  main.append(
    statsSection(),
    audienceSection(),
    section("Look up a subscriber", lookUp()),
    section("Import from CSV", csvImport()),
    section(
      "Export",
      h(
        "p",
        {},
        h(
          "a",
          { href: "/v1/subscribers/export", download: "subscribers.csv" },
          "Download every subscriber as CSV",
        ),
      ),
    ),
  );
}

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function statsSection(): HTMLElement {
  const body = h("div", {}, h("p", {}, "Loading the numbers…"));
  void api<Stats>("GET", "/v1/subscribers/stats").then(
    (stats) => {
      const totals = (caption: string, record: Record<string, number>) =>
        table(
          caption,
          [capitalized(caption.split(" ").pop() ?? ""), "Subscribers"],
          Object.entries(record).map(([k, v]) => [k, fmtNumber(v)]),
        );
      const days = stats.growth.slice(-90);
      replace(
        body,
        h(
          "div",
          { class: "totals" },
          totals("By status", stats.totals.byStatus),
          totals("By topic", stats.totals.byTopic),
          totals("By cadence", stats.totals.byCadence),
        ),
        lineChart(
          "Growth per day, last 90 days",
          days.map((d) => d.day),
          [
            { name: "sign-ups", className: "s1", values: days.map((d) => d.signups) },
            { name: "confirmations", className: "s2", values: days.map((d) => d.confirmations) },
            { name: "unsubscribes", className: "s3", values: days.map((d) => d.unsubscribes) },
            { name: "bounces", className: "s4", values: days.map((d) => d.bounces ?? 0) },
            { name: "complaints", className: "s5", values: days.map((d) => d.complaints ?? 0) },
          ],
        ),
      );
    },
    (error) =>
      replace(body, h("p", { class: "notice error" }, `The numbers are not available: ${messageOf(error)}`)),
  );
  return section("Totals and growth", body);
}

function lookUp(): HTMLElement {
  const said = notice();
  const email = h("input", { id: "lookup-email", type: "email", required: true, autocomplete: "off" });
  const result = h("div", { id: "lookup-result" });
  const path = () => encodeURIComponent(email.value.trim());
  const show = async () => {
    replace(result);
    try {
      const s = await api<Subscriber>("GET", `/v1/subscribers/${path()}`);
      replace(result, card(s));
    } catch (error) {
      said.say(messageOf(error), true);
    }
  };
  const act = async (question: string, detail: string, yes: string, path: string, done: string) => {
    if (!(await confirmStep(question, detail, yes))) return;
    try {
      await api("DELETE", path);
      said.say(done);
      replace(result);
    } catch (error) {
      said.say(messageOf(error), true);
    }
  };
  const card = (s: Subscriber) =>
    h(
      "div",
      { class: "card" },
      h(
        "dl",
        { class: "record" },
        ...(
          [
            ["Email", s.email],
            ["Name", s.name ?? "—"],
            ["Status", s.status],
            ["Topics", s.topics.join(", ") || "—"],
            ["Cadence", s.cadence],
            ["Since", fmtTime(s.createdAt)],
            ["Consent", s.consent ? `${s.consent.source}, ${fmtTime(s.consent.at)}` : "—"],
          ] as const
        ).map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", { "data-field": k.toLowerCase() }, v))),
      ),
      h(
        "div",
        { class: "actions" },
        s.status === "suppressed"
          ? h(
              "button",
              {
                type: "button",
                onclick: () =>
                  act(
                    "Lift the suppression?",
                    `Herald will send to ${s.email} again. Do this only when the reader asked for it.`,
                    "Lift the suppression",
                    `/v1/suppressions/${encodeURIComponent(s.email)}`,
                    "Suppression lifted.",
                  ),
              },
              "Lift suppression",
            )
          : null,
        h(
          "button",
          {
            type: "button",
            class: "danger",
            onclick: () =>
              act(
                "Erase this subscriber?",
                `Everything Herald holds about ${s.email} is deleted, and the address stays suppressed. This cannot be undone.`,
                "Erase the subscriber",
                `/v1/subscribers/${encodeURIComponent(s.email)}`,
                "Subscriber erased.",
              ),
          },
          "Erase",
        ),
      ),
    );
  const form = h(
    "form",
    { class: "lookup", role: "search" },
    h("label", { for: "lookup-email" }, "Email address"),
    email,
    h("button", { type: "submit" }, "Look up"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    said.say("");
    void show();
  });
  return h("div", {}, form, said.el, result);
}

void main();
