import type { Ports } from "../../functions/flows/ports.js";

/** Seconds from the webhook's request to each step of one fan-out (the first and last of repeated ones). */
export interface FanoutPhases {
  accepted?: number;
  rendered?: number;
  firstChunkQueued?: number;
  planned?: number;
  firstSesCall?: number;
  lastSesCall?: number;
  lastSesAnswer?: number;
  settled?: number;
}

/**
 * Times a fan-out's steps from outside Herald, by wrapping the ports it calls: the render saved,
 * chunks queued, the plan finished, each SES call. Only the clock is read; every call goes through
 * as it was made, so the run measured is the run timed.
 *
 * @example
 * const phases = fanoutPhases();
 * benchRuntime(table, dynamo, ses, { wrapPorts: phases.wrap });
 * phases.start(); … phases.mark("accepted"); … console.log(phases.seconds());
 */
export function fanoutPhases() {
  let t0 = performance.now();
  const at: FanoutPhases = {};
  const mark = (phase: keyof FanoutPhases, first = true) => {
    if (!first || at[phase] === undefined) at[phase] = (performance.now() - t0) / 1000;
  };
  const wrap = (ports: Ports): Ports => ({
    ...ports,
    editions: {
      ...ports.editions,
      saveRender: async (id, rendered) => {
        await ports.editions.saveRender(id, rendered);
        mark("rendered");
      },
      finishPlan: async (id) => {
        await ports.editions.finishPlan(id);
        mark("planned");
      },
    },
    sendQueue: {
      ...ports.sendQueue,
      send: async (messages, options) => {
        await ports.sendQueue.send(messages, options);
        mark("firstChunkQueued");
      },
    },
    mailer: {
      ...ports.mailer,
      sendBulk: async (message) => {
        mark("firstSesCall");
        mark("lastSesCall", false);
        const results = await ports.mailer.sendBulk(message);
        mark("lastSesAnswer", false);
        return results;
      },
    },
  });
  return {
    wrap,
    start: () => {
      t0 = performance.now();
    },
    mark,
    /** The phases, rounded to milliseconds. */
    seconds: (): FanoutPhases =>
      Object.fromEntries(Object.entries(at).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
  };
}

const s = (seconds?: number) => (seconds === undefined ? "—" : seconds.toFixed(2));

/**
 * One line for the bench table: when each step came, in seconds from the webhook, and the shares
 * of the run spent before the first SES call and after planning (the fixed costs a small send pays).
 *
 * @example
 * phaseLine({ rendered: 0.1, firstSesCall: 0.7, planned: 9.5, settled: 10 }); // "render 0.10 s, …"
 */
export function phaseLine(p: FanoutPhases): string {
  const share = (seconds: number) => (p.settled ? `${Math.round((100 * seconds) / p.settled)} %` : "—");
  const steps = [
    `render ${s(p.rendered)} s`,
    `first chunk queued ${s(p.firstChunkQueued)} s`,
    `first SES call ${s(p.firstSesCall)} s`,
    `planned ${s(p.planned)} s`,
    `last SES call ${s(p.lastSesCall)} s`,
    `settled ${s(p.settled)} s`,
  ].join(", ");
  return `${steps} (before the first SES call ${share(p.firstSesCall ?? 0)}, after planning ${share((p.settled ?? 0) - (p.planned ?? 0))})`;
}
