import type { Counts } from "./edition.js";

/**
 * SES puts an account under review at a 5 % bounce rate and a 0.1 % complaint rate; an edition that
 * crosses either line is hurting the newsroom's sender reputation and stops itself.
 */
export const BOUNCE_RATE_LIMIT = 0.05;
export const COMPLAINT_RATE_LIMIT = 0.001;
/** Soft bounces (mailbox full, out of office, …) after which an address is suppressed like a hard one. */
export const SOFT_BOUNCE_LIMIT = 3;

type Rates = Pick<Counts, "sent" | "bounced" | "complained">;

const percent = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)} %`;

/**
 * Why an edition should pause, or `undefined` while it is healthy. Rates are hard bounces and
 * complaints per recipient sent, judged only once `minSample` recipients were sent (three bounces
 * among the first twenty say little). After an editor resumes a paused edition, only what happened
 * since counts (`since`, the counts at resume): the resume is a decision not to be overruled by the
 * very numbers it was made on, while a list that keeps bouncing still stops again.
 */
export function pauseReason(counts: Rates, minSample: number, since?: Rates): string | undefined {
  const sent = counts.sent - (since?.sent ?? 0);
  if (sent < minSample || sent <= 0) return undefined;
  const bounced = counts.bounced - (since?.bounced ?? 0);
  const complained = counts.complained - (since?.complained ?? 0);
  const after = since ? " since it was resumed" : "";
  if (complained / sent > COMPLAINT_RATE_LIMIT) {
    return `complaint rate ${percent(complained / sent)} (${complained} of ${sent} sent${after}) is over the ${percent(COMPLAINT_RATE_LIMIT)} limit`;
  }
  if (bounced / sent > BOUNCE_RATE_LIMIT) {
    return `bounce rate ${percent(bounced / sent)} (${bounced} of ${sent} sent${after}) is over the ${percent(BOUNCE_RATE_LIMIT)} limit`;
  }
  return undefined;
}

/**
 * The rates `pauseReason` judges, beside their limits, as the edition page shows them: hard bounces
 * and complaints per recipient sent (since the last resume, when there was one).
 *
 * @example
 * sendHealth({ sent: 200, bounced: 4, complained: 0 }, 100); // { bounceRate: 0.02, …, judged: true }
 */
export function sendHealth(counts: Rates, minSample: number, since?: Rates) {
  const sent = counts.sent - (since?.sent ?? 0);
  const rate = (n: number) => (sent > 0 ? n / sent : 0);
  return {
    sent,
    bounceRate: rate(counts.bounced - (since?.bounced ?? 0)),
    complaintRate: rate(counts.complained - (since?.complained ?? 0)),
    bounceLimit: BOUNCE_RATE_LIMIT,
    complaintLimit: COMPLAINT_RATE_LIMIT,
    minSample,
    /** Whether enough was sent for the rates to pause the edition. */
    judged: sent >= minSample && sent > 0,
  };
}

/**
 * The auto-pause baseline (`rateBaseline.sent`) under which `progress` has sent the minimum sample,
 * or `undefined` while it has not: from then on the sends' side of the rate can only dilute it, and
 * a send worker stops judging after each chunk until a resume starts a new sample.
 *
 * @example
 * matureSince({ counts: { sent: 700 } }, 500); // 0
 * matureSince({ counts: { sent: 900 }, rateBaseline: { sent: 700 } }, 500); // undefined
 */
export function matureSince(
  progress: { counts: Pick<Counts, "sent">; rateBaseline?: Pick<Counts, "sent"> } | undefined,
  minSample: number,
): number | undefined {
  if (!progress) return undefined;
  const baseline = progress.rateBaseline?.sent ?? 0;
  return progress.counts.sent - baseline >= minSample ? baseline : undefined;
}
