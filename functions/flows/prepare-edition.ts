import type { Article } from "../domain/article.js";
import type { Config } from "../domain/config.js";
import type { RenderedEdition } from "../domain/rendered.js";
import { planEdition } from "./plan-edition.js";
import type { Ports } from "./ports.js";
import { type CardMaker, renderCardOnce } from "./render-card.js";

export type RenderFn = (article: Article, editionId: string, config: Config) => Promise<RenderedEdition>;

/**
 * The edition job: render once (skipped when a render is stored already) and draw the social card
 * (when a `card` maker is given; a card that fails is logged and the email goes on), hand the
 * edition to the social worker when it goes to social accounts, then plan the email fan-out.
 * Each step is idempotent, so a retried job resumes where the last one stopped.
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
    // Before the status moves on, so a job that dies here queues it again on its retry. The social
    // worker, which alone knows the accounts, fans it out; their intents make a second message harmless.
    if (edition.article.channels.social) {
      // Entered as unfinished work first: recovery queues the fan-out again if this message is lost.
      await ports.work.open("social", editionId, ports.now());
      await ports.socialQueue.send([{ editionId }]);
    }
    await ports.editions.transition(editionId, ["rendering"], "sending");
  }
  const current = await ports.editions.get(editionId);
  if (current?.status !== "sending" || current.planDone) return;
  await planEdition(ports, current);
}
