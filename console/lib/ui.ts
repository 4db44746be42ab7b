import { ApiError } from "./api.js";
import { h, replace } from "./dom.js";
import { fmtNumber, percent } from "./format.js";
import type { Counts, Health } from "./types.js";

/** A polite live region: what an action did, read out by screen readers too. */
export function notice(): { el: HTMLElement; say(text: string, error?: boolean): void } {
  const el = h("p", { role: "status", class: "notice", "aria-live": "polite" });
  return {
    el,
    say(text, error = false) {
      el.className = error ? "notice error" : "notice ok";
      replace(el, text);
    },
  };
}

export const messageOf = (error: unknown) =>
  error instanceof ApiError
    ? error.status === 403
      ? `Not allowed for your role (${error.message})`
      : error.message
    : error instanceof Error
      ? error.message
      : String(error);

/** Recipients worked off: sent, failed, skipped, unknown and cancelled all leave the queue. */
export function doneOf(counts: Counts): number {
  return ["sent", "failed", "skipped", "unknown", "cancelled"].reduce((s, k) => s + (counts[k] ?? 0), 0);
}

/** The share of planned recipients worked off, 0 to 1 (a finished send with nobody planned is 1). */
export function progressOf(counts: Counts, status: string): number {
  if (!counts.planned) return status === "sent" ? 1 : 0;
  return Math.min(1, doneOf(counts) / counts.planned);
}

/** A labelled progress bar with its percentage and counts in words. */
export function progressBar(counts: Counts, status: string, label: string): HTMLElement {
  const share = progressOf(counts, status);
  const shown = `${Math.floor(share * 100)} %`;
  return h(
    "div",
    { class: "progress" },
    h("progress", { max: 100, value: Math.floor(share * 100), "aria-label": label, "data-percent": shown }),
    h(
      "span",
      { class: "progress-text" },
      `${shown} · ${fmtNumber(doneOf(counts))} of ${fmtNumber(counts.planned)}`,
    ),
  );
}

const ACTIVE = new Set(["queued", "rendering", "sending", "scheduled", "stalled"]);
export const isActive = (status: string) => ACTIVE.has(status);

export function statusBadge(status: string): HTMLElement {
  return h("span", { class: `badge badge-${status.replace(/[^a-z]/g, "")}` }, status);
}

/**
 * What a stalled send says to an editor: since when nothing moved and who is left. Herald's
 * recovery queues its work again by itself; Resume does it now.
 */
export function stalledNotice(x: { status: string; stalledSince?: string; remaining?: number }) {
  if (x.status !== "stalled") return null;
  return h(
    "p",
    { class: "notice error", role: "status" },
    `No progress since ${x.stalledSince ? new Date(x.stalledSince).toLocaleString() : "a while"}`,
    x.remaining !== undefined ? `: ${x.remaining.toLocaleString()} recipients left` : "",
    ". Resume queues the unfinished work again now; recovery does it by itself on its next pass.",
  );
}

/** A rate against the limit at which sending pauses itself. */
export function rateAgainstLimit(label: string, count: number, sent: number, limit: number): HTMLElement {
  const rate = sent > 0 ? count / sent : 0;
  const over = rate > limit;
  return h(
    "div",
    { class: over ? "rate over" : "rate" },
    h("span", {}, `${label}: ${percent(rate)} (${fmtNumber(count)} of ${fmtNumber(sent)})`),
    h("meter", {
      min: 0,
      max: limit * 2,
      high: limit,
      optimum: 0,
      value: Math.min(rate, limit * 2),
      "aria-label": `${label} against the ${percent(limit)} pause limit`,
    }),
    h("span", {}, ` limit ${percent(limit)}${over ? " — over the limit" : ""}`),
  );
}

/**
 * Bounce and complaint rates against the pause limits: the API's judgement when it sends one
 * (rates since the last resume), else worked out from the counts with the domain's limits.
 */
export function healthOf(
  counts: Counts,
  health: Health | undefined,
  limits: { bounce: number; complaint: number },
): HTMLElement[] {
  const sent = health?.sent ?? counts.sent;
  const rows = [
    rateAgainstLimit(
      "Bounce rate",
      health ? Math.round(health.bounceRate * sent) : (counts.bounced ?? 0),
      sent,
      health?.bounceLimit ?? limits.bounce,
    ),
    rateAgainstLimit(
      "Complaint rate",
      health ? Math.round(health.complaintRate * sent) : (counts.complained ?? 0),
      sent,
      health?.complaintLimit ?? limits.complaint,
    ),
  ];
  if (health && !health.judged)
    rows.push(h("p", { class: "help" }, `Judged once ${fmtNumber(health.minSample)} recipients are sent.`));
  return rows;
}

/** Every count as a description list. */
export function countsList(counts: Counts): HTMLElement {
  return h(
    "dl",
    { class: "counts" },
    ...Object.entries(counts).flatMap(([k, v]) => [
      h("div", {}, h("dt", {}, k), h("dd", { "data-count": k }, fmtNumber(v))),
    ]),
  );
}

/**
 * Asks before something that cannot be undone, in a modal dialog (focus moves into it, Escape
 * closes it as "no").
 *
 * @example
 * if (await confirmStep("Cancel this edition?", "Nobody else gets it.", "Cancel the edition")) …
 */
export function confirmStep(question: string, detail: string, yes: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h(
      "dialog",
      { "aria-labelledby": "confirm-q", class: "confirm" },
      h("h2", { id: "confirm-q" }, question),
      h("p", {}, detail),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "danger", onclick: () => done(true) }, yes),
        h("button", { type: "button", onclick: () => done(false), autofocus: true }, "Go back"),
      ),
    );
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.addEventListener("cancel", () => done(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Runs `tick` every `ms` while it returns true; stops when the page goes. */
export function poll(tick: () => Promise<boolean>, ms = 1500): void {
  const loop = async () => {
    let again = true;
    try {
      again = await tick();
    } catch {
      again = true;
    }
    if (again) setTimeout(loop, ms);
  };
  setTimeout(loop, ms);
}
