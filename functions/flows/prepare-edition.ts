import type { Article } from "../domain/article.js";
import type { Config } from "../domain/config.js";
import type { RenderedEdition } from "../domain/rendered.js";
import { holdOrSchedule, releaseIfDue } from "./gate-edition.js";
import { planEdition } from "./plan-edition.js";
import type { Ports } from "./ports.js";
import { type CardMaker, renderCardOnce } from "./render-card.js";

export type RenderFn = (article: Article, editionId: string, config: Config) => Promise<RenderedEdition>;

/**
 * The edition job: render once (skipped when a render is stored already) and draw the social card
 * (when a `card` maker is given; a card that fails is logged and the email goes on). An edition
 * under review is then `held` for an editor, one with a `sendAt` ahead `scheduled`; any other goes
 * `sending`, and a scheduled one when its time has come (this job is what its schedule queues).
 * A sending edition is handed to the social worker when it goes to social accounts, then its email
 * fan-out is planned. Each step is idempotent, so a retried job resumes where the last one stopped.
 */
export async function prepareEdition(
  ports: Ports,
  render: RenderFn,
  editionId: string,
  card?: CardMaker,
): Promise<void> {
  const edition = await ports.editions.get(editionId);
  if (!edition) {
    ports.log.warn("edition job for an unknown edition", { editionId });
    return;
  }
  if (edition.status === "queued") await ports.editions.transition(editionId, ["queued"], "rendering");
  if (edition.status === "queued" || edition.status === "rendering") {
    if (!(await ports.editions.getRender(editionId))) {
      const started = performance.now();
      await ports.editions.saveRender(editionId, await render(edition.article, editionId, ports.config));
      ports.log.info("edition rendered", { editionId, ms: Math.round(performance.now() - started) });
    }
    if (card) await renderCardOnce(ports, card, editionId, edition.article);
    if (await holdOrSchedule(ports, edition)) return;
    await ports.editions.transition(editionId, ["rendering"], "sending");
  }
  if (edition.status === "scheduled") await releaseIfDue(ports, edition);
  const current = await ports.editions.get(editionId);
  if (current?.status !== "sending" || current.planDone) return;
  // Every planning attempt hands it to the social worker, which alone knows the accounts: a job that
  // died after the edition went `sending` queues it on its retry, and the intents make a second
  // message harmless. Entered as unfinished work first: recovery queues it again if the message is lost.
  if (current.article.channels.social) {
    await ports.work.open("social", editionId, ports.now());
    await ports.socialQueue.send([{ editionId }]);
  }
  await planEdition(ports, current);
}
