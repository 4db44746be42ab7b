import { api } from "./api.js";
import { h } from "./dom.js";
import { timeZone } from "./format.js";
import { confirmStep, messageOf, notice } from "./ui.js";

export interface Action {
  label: string;
  /** The POST path's last segment: pause, resume, cancel, approve, discard. */
  verb: string;
  /** Asked before acting: the step cannot be undone. */
  confirm?: { question: string; detail: string; yes: string };
  danger?: boolean;
}

/** What an editor may do with an edition or briefing in each status. */
export function actionsFor(status: string, kind: "edition" | "briefing"): Action[] {
  const cancel: Action = {
    label: "Cancel sending",
    verb: "cancel",
    danger: true,
    confirm: {
      question: `Cancel this ${kind}?`,
      detail:
        "Nobody who has not received it yet will get it. Emails already sent stay sent. This cannot be undone.",
      yes: `Cancel the ${kind}`,
    },
  };
  switch (status) {
    case "queued":
    case "rendering":
    case "sending":
      return [{ label: "Pause", verb: "pause" }, cancel];
    case "paused":
    case "stalled":
      return [{ label: "Resume", verb: "resume" }, cancel];
    case "scheduled":
      return [cancel];
    case "held":
      return kind === "edition"
        ? [
            {
              label: "Discard",
              verb: "discard",
              danger: true,
              confirm: {
                question: "Discard this held edition?",
                detail: "It will never be sent. This cannot be undone.",
                yes: "Discard the edition",
              },
            },
          ]
        : [cancel];
    default:
      return [];
  }
}

/**
 * The action buttons for one edition or briefing, each posting to `<base>/<verb>`; `after` redraws
 * the page with the answer; `said` tells what happened.
 */
export function actionBar(
  base: string,
  status: string,
  kind: "edition" | "briefing",
  after: () => Promise<void>,
  said: ReturnType<typeof notice>,
): HTMLElement {
  const run = async (action: Action, body?: unknown) => {
    if (action.confirm) {
      const { question, detail, yes } = action.confirm;
      if (!(await confirmStep(question, detail, yes))) return;
    }
    try {
      await api("POST", `${base}/${action.verb}`, body ?? {});
      said.say(`${action.label}: done.`);
      await after();
    } catch (error) {
      said.say(`${action.label} failed: ${messageOf(error)}`, true);
    }
  };
  const buttons = actionsFor(status, kind).map((a) =>
    h("button", { type: "button", class: a.danger ? "danger" : undefined, onclick: () => run(a) }, a.label),
  );
  const approve =
    status === "held" && kind === "edition"
      ? approveForm((sendAt) => run({ label: "Approve", verb: "approve" }, sendAt ? { sendAt } : {}))
      : null;
  return h("div", { class: "action-bar" }, approve, h("div", { class: "actions" }, ...buttons));
}

/** Approving a held edition: now, or at a time the editor picks (in their own zone, said aloud). */
function approveForm(approve: (sendAt?: string) => Promise<void>): HTMLElement {
  const when = h("input", {
    id: "send-at",
    type: "datetime-local",
    step: 1,
    "aria-describedby": "send-at-help",
  });
  const form = h(
    "form",
    { class: "approve" },
    h("label", { for: "send-at" }, "Send at (optional)"),
    when,
    h("p", { id: "send-at-help", class: "help" }, `Your time zone: ${timeZone()}. Empty: send now.`),
    h("button", { type: "submit" }, "Approve"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const at = when.value ? new Date(when.value).toISOString() : undefined;
    void approve(at);
  });
  return form;
}

/** "Send a test to me": the address is remembered in this browser. */
export function testSendForm(path: string): HTMLElement {
  const said = notice();
  const to = h("input", {
    id: "test-to",
    type: "email",
    required: true,
    autocomplete: "email",
    value: localStorage.getItem("herald.testTo") ?? "",
  });
  const form = h(
    "form",
    { class: "test-send" },
    h("label", { for: "test-to" }, "Send a test to"),
    to,
    h("button", { type: "submit" }, "Send test"),
    said.el,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    localStorage.setItem("herald.testTo", to.value);
    try {
      await api("POST", path, { to: [to.value] });
      said.say(`Test sent to ${to.value}.`);
    } catch (error) {
      said.say(`The test was not sent: ${messageOf(error)}`, true);
    }
  });
  return form;
}
