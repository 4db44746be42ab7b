import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Article } from "../../functions/domain/article.js";
import type { ArticleImage } from "../../functions/domain/article-image.js";
import type { Config } from "../../functions/domain/config.js";
import type { Ports } from "../../functions/flows/ports.js";
import { prepareEdition } from "../../functions/flows/prepare-edition.js";
import { renderEdition } from "../../functions/render/email.js";
import { renderEditionCard } from "../../functions/render/social/edition-card.js";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { loopbackImages, startHerald, type TestHerald } from "../helpers/herald.js";
import { solidPng } from "../helpers/images.js";
import { captureLogs } from "../helpers/log-capture.js";
import { decodePng, pngSize } from "../helpers/png.js";
import { seedSubscribers } from "../helpers/seed.js";
import { type Loopback, type SeenRequest, startLoopback } from "../helpers/social/loopback.js";

/** Red, so the card's image column can be told from its white text column. */
const PHOTO = solidPng(800, 800, "#ff0000");

function imageHost(req: SeenRequest, res: ServerResponse): void {
  if (req.path === "/photo.png") res.writeHead(200, { "content-type": "image/png" }).end(PHOTO);
  else res.writeHead(404, { "content-type": "text/html" }).end("not found");
}

let host: Loopback;
let herald: TestHerald;
let logs: { text: () => string };
/** Set to make storing a card fail: a card that cannot be written must not stop the email. */
let failCardPut = false;
let articles = 0;

/** Publishes an article and waits until its edition is rendered, planned and sent. */
async function publish(overrides: Record<string, unknown> = {}) {
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: `card-${++articles}`, ...overrides })),
  );
  const { editionId } = (await res.json()) as { editionId: string };
  await herald.settled();
  return editionId;
}

/** The colour at the card's bottom-right corner: the article image when there is one, else paper. */
const corner = (png: Uint8Array) => decodePng(png).pixel(1190, 620);

beforeAll(async () => {
  logs = captureLogs();
  host = await startLoopback(imageHost);
  herald = await startHerald(
    {},
    {
      drawCards: true,
      wrapPorts: (ports: Ports) => ({
        ...ports,
        cards: {
          get: (id) => ports.cards.get(id),
          put: (id, png) =>
            failCardPut ? Promise.reject(new Error("DynamoDB said no")) : ports.cards.put(id, png),
        },
      }),
    },
  );
  await seedSubscribers(herald.ports, 3, ["world"]);
});

afterAll(async () => {
  await herald.stop();
  await host.close();
  vi.restoreAllMocks();
});

describe("the edition's social card", () => {
  it("is drawn from the article, with its image, and stored while the email goes out", async () => {
    // Act
    const editionId = await publish({ imageUrl: `${host.url}/photo.png` });

    // Assess
    const png = (await herald.ports.cards.get(editionId)) as Uint8Array;
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    expect(corner(png)).toEqual([255, 0, 0]);
    const edition = await herald.ports.editions.get(editionId);
    expect(edition?.status).toBe("sent");
    expect(edition?.counts.sent).toBe(3);
  });

  it("is drawn once: a retried edition job renders nothing again", async () => {
    // Prepare
    const editionId = await publish();
    const before = await herald.ports.cards.get(editionId);
    const render = vi.fn(
      (article: Article, config: Config, image?: ArticleImage): Promise<Uint8Array> =>
        renderEditionCard(article, config, image),
    );
    await herald.ports.editions.transition(editionId, ["sent"], "rendering");

    // Act
    await prepareEdition(herald.ports, renderEdition, editionId, { render, images: loopbackImages() });

    // Assess
    expect(before).toBeDefined();
    expect(render).not.toHaveBeenCalled();
  });

  it("leaves out an image it cannot fetch, and logs only the image's host", async () => {
    // Act
    const editionId = await publish({ imageUrl: `${host.url}/private/photo.png?token=s3cr3t-signature` });

    // Assess
    const png = (await herald.ports.cards.get(editionId)) as Uint8Array;
    expect(corner(png)).toEqual([255, 255, 255]);
    expect(logs.text()).toContain("card drawn without the article image");
    expect(logs.text()).toContain("HTTP 404");
    expect(logs.text()).not.toContain("s3cr3t");
  });

  it("that fails is logged, and the email still goes out", async () => {
    // Prepare
    failCardPut = true;

    // Act
    const editionId = await publish();
    failCardPut = false;

    // Assess
    expect(await herald.ports.cards.get(editionId)).toBeUndefined();
    const edition = await herald.ports.editions.get(editionId);
    expect(edition?.status).toBe("sent");
    expect(edition?.counts.sent).toBe(3);
    const line = logs
      .text()
      .split("\n")
      .find((l) => l.includes("card not rendered") && l.includes(editionId));
    expect(line).toContain("DynamoDB said no");
  });
});
