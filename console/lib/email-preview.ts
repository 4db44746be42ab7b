import { api } from "./api.js";
import { h, replace, section } from "./dom.js";
import type { EmailView } from "./types.js";
import { messageOf } from "./ui.js";

const WIDTHS = [
  ["Phone, 375 px", 375],
  ["Desktop, 800 px", 800],
] as const;

/**
 * The email as a reader sees it: subject, preheader, the HTML in a sandboxed frame (no scripts, no
 * same-origin, no navigation of this page) at phone or desktop width, and the plain-text part.
 *
 * @example
 * main.append(emailPreview(`/v1/editions/${id}/email`));
 */
export function emailPreview(path: string, title = "Email preview"): HTMLElement {
  const body = h("div", {}, h("p", {}, "Loading the email…"));
  void api<EmailView>("GET", path).then(
    (email) => drawEmail(body, email),
    (error) => replace(body, h("p", { class: "notice" }, `No email to show: ${messageOf(error)}`)),
  );
  return section(title, body);
}

export function drawEmail(into: HTMLElement, email: EmailView): void {
  const frame = h("iframe", {
    sandbox: "",
    referrerpolicy: "no-referrer",
    title: `The email "${email.subject}" as a reader sees it`,
    class: "email-frame",
    width: WIDTHS[0][1],
    height: 640,
  });
  frame.srcdoc = email.html;
  const buttons = WIDTHS.map(([label, width], i) =>
    h(
      "button",
      {
        type: "button",
        "aria-pressed": i === 0 ? "true" : "false",
        "data-width": width,
        onclick: () => {
          frame.setAttribute("width", String(width));
          for (const b of buttons) b.setAttribute("aria-pressed", String(b === buttons[i]));
        },
      },
      label,
    ),
  );
  replace(
    into,
    h(
      "dl",
      { class: "email-meta" },
      h("div", {}, h("dt", {}, "Subject"), h("dd", { id: "email-subject" }, email.subject)),
      h("div", {}, h("dt", {}, "Preheader"), h("dd", { id: "email-preheader" }, email.preheader ?? "—")),
    ),
    h("div", { class: "toggle", role: "group", "aria-label": "Preview width" }, ...buttons),
    h(
      "div",
      {
        class: "frame-box",
        tabindex: 0,
        role: "region",
        "aria-label": "Email preview (scrolls sideways when wider than the screen)",
      },
      frame,
    ),
    h(
      "details",
      {},
      h("summary", {}, "Plain-text part"),
      h("pre", { class: "plain", id: "email-text", tabindex: 0 }, email.text),
    ),
  );
}
