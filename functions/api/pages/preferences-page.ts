import { maskEmail } from "../../domain/access/audit-entry.js";
import type { Config } from "../../domain/config.js";
import type { Subscriber } from "../../domain/subscriber.js";
import { escapeHtml } from "../../domain/text.js";
import { page } from "./page.js";

/**
 * The preference center: topics and cadence in one form, leaving everything in another. Plain HTML
 * form controls with labels (screen readers, keyboards and phones handle them well); no script.
 * The page shown to someone not subscribed carries `resubscribe`: only its form brings them back,
 * so a page left open from before an unsubscribe cannot undo it. It names the address it manages,
 * masked: whoever holds a forwarded link learns which inbox it is for, not the whole address.
 */
export function preferencesPage(
  config: Config,
  subscriber: Subscriber,
  action: string,
  notice?: string,
): string {
  const topic = (t: string) =>
    `<label style="display:block;padding:6px 0"><input type="checkbox" name="topics" value="${escapeHtml(t)}"${subscriber.topics.includes(t) ? " checked" : ""}> ${escapeHtml(t[0]?.toUpperCase() + t.slice(1))}</label>`;
  const cadence = (value: string, label: string) =>
    `<label style="display:block;padding:6px 0"><input type="radio" name="cadence" value="${value}"${subscriber.cadence === value ? " checked" : ""}> ${label}</label>`;
  const left = subscriber.status !== "active";
  const body = `${notice ? `<p role="status"><strong>${escapeHtml(notice)}</strong></p>` : ""}
<p>For <strong>${escapeHtml(maskEmail(subscriber.email))}</strong></p>
<p>${left ? "You are not receiving our emails. Choose what you would like and save to subscribe again." : "Choose what you receive."}</p>
<form method="post" action="${escapeHtml(action)}">
<fieldset style="border:0;padding:0;margin:0 0 16px"><legend style="font-weight:700">Topics</legend>${config.topics.map(topic).join("")}</fieldset>
<fieldset style="border:0;padding:0;margin:0 0 16px"><legend style="font-weight:700">How often</legend>${cadence("instant", "Each article as it is published")}${cadence("daily", "One daily briefing")}</fieldset>
<input type="hidden" name="action" value="save">${left ? '<input type="hidden" name="resubscribe" value="true">' : ""}<button type="submit">${left ? "Subscribe again" : "Save my choices"}</button>
</form>
${left ? "" : `<form method="post" action="${escapeHtml(action)}" style="margin-top:24px"><input type="hidden" name="action" value="unsubscribe"><button type="submit" style="background:#374151">Unsubscribe from everything</button></form>`}`;
  return page(config, "Your email preferences", body);
}
