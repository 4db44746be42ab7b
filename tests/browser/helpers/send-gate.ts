import { MailerThrottled } from "../../../functions/flows/errors.js";
import type { Ports } from "../../../functions/flows/ports.js";

/**
 * Holds SendBulkEmail calls at the mailer port so a test can act while an edition is mid-send. The
 * calls still go to the SES stand-in; the gate only decides when. A held call can be answered as
 * SES answers over its rate (`MailerThrottled`: nothing sent, the chunk is queued again), the one
 * fault the stand-in cannot produce: that is how a test gets a chunk back to the worker after a
 * pause or a cancel without a call already past the worker's checks reaching SES.
 */
export function sendGate() {
  let allowance = Number.POSITIVE_INFINITY;
  let waiting: Array<{ go(): void; refuse(): void }> = [];
  const wrap = (ports: Ports): Ports => ({
    ...ports,
    mailer: {
      ...ports.mailer,
      async sendBulk(message) {
        while (allowance <= 0) {
          const go = await new Promise<boolean>((resolve) =>
            waiting.push({ go: () => resolve(true), refuse: () => resolve(false) }),
          );
          if (!go) throw new MailerThrottled("held by the test's gate");
        }
        allowance--;
        return ports.mailer.sendBulk(message);
      },
    },
  });
  const wake = (how: "go" | "refuse") => {
    const all = waiting;
    waiting = [];
    for (const w of all) w[how]();
  };
  return {
    wrap,
    /** From now on, let `n` calls through and hold the rest. */
    allow(n: number) {
      allowance = n;
      wake("go");
    },
    /** Let everything through again. */
    open() {
      allowance = Number.POSITIVE_INFINITY;
      wake("go");
    },
    /** Answer every held call "throttled" (nothing sent); later calls are held again. */
    refuseHeld() {
      wake("refuse");
    },
    get held() {
      return waiting.length;
    },
  };
}
