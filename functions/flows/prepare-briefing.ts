import { type BriefingSection, comboOf, sectionsFor } from "../domain/briefing/content.js";
import type { Config } from "../domain/config.js";
import type { RenderedEdition } from "../domain/rendered.js";
import { mapConcurrent } from "./concurrency.js";
import { type PartitionWalk, planPartition } from "./plan-audience.js";
import { PARALLEL_PARTITIONS } from "./plan-edition.js";
import type { Ports } from "./ports.js";

export type BriefingRenderFn = (
  input: { id: string; combo: string; day: string; sections: BriefingSection[] },
  config: Config,
) => Promise<RenderedEdition>;

/**
 * The briefing job: walks the daily subscribers, grouped by topic combination, and queues chunks of
 * one combination each; a combination is rendered once, the first time a chunk of it is queued, and
 * only if someone follows it and its topics have something new. Resumes from checkpoints.
 */
export async function prepareBriefing(ports: Ports, render: BriefingRenderFn, id: string): Promise<void> {
  const briefing = await ports.briefings.get(id);
  if (!briefing) {
    ports.log.warn("briefing job for an unknown briefing", { briefingId: id });
    return;
  }
  if (briefing.status === "queued") await ports.editions.transition(id, ["queued"], "sending");
  if (!["queued", "sending"].includes(briefing.status) || briefing.planDone) return;

  const topicOrder = ports.config.topics;
  const withContent = new Map<string, boolean>();
  const hasContent = (combo: string) => {
    let known = withContent.get(combo);
    if (known === undefined) {
      known = sectionsFor(combo, briefing.items, topicOrder).length > 0;
      withContent.set(combo, known);
    }
    return known;
  };
  const rendering = new Map<string, Promise<void>>();
  const ensureRender = (combo: string) => {
    let done = rendering.get(combo);
    if (!done) {
      done = (async () => {
        if (await ports.briefings.getRender(id, combo)) return;
        const sections = sectionsFor(combo, briefing.items, topicOrder);
        await ports.briefings.saveRender(
          id,
          combo,
          await render({ id, combo, day: briefing.day, sections }, ports.config),
        );
      })();
      // A failed render must be tried again by the next chunk, not remembered.
      done.catch(() => rendering.delete(combo));
      rendering.set(combo, done);
    }
    return done;
  };

  const walks = Array.from(
    { length: ports.config.audienceShards },
    (_, shard): PartitionWalk => ({
      name: `b${String(shard).padStart(2, "0")}`,
      page: (after, limit) => ports.audience.briefingPage(shard, after, limit),
      variantOf: (member) => {
        const combo = comboOf(member.topics);
        return hasContent(combo) ? combo : undefined;
      },
      prepare: ensureRender,
    }),
  );
  const current = (await ports.briefings.get(id)) ?? briefing;
  await mapConcurrent(walks, PARALLEL_PARTITIONS, (walk) => planPartition(ports, current, walk));
  await ports.editions.finishPlan(id);
  await ports.editions.completeIfFinished(id);
  ports.log.info("briefing planned", { briefingId: id, renders: rendering.size });
}
