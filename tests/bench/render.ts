import { readFileSync } from "node:fs";
import { configFromEnv } from "../../functions/adapters/env-config.js";
import { articleSchema } from "../../functions/domain/article.js";
import { renderEdition } from "../../functions/render/email.js";

/** Warm MJML render of the sample article (the seed article): p50 and p90 over 50 renders. */
export async function measureRender() {
  const config = configFromEnv({ HERALD_PUBLIC_URL: "https://news.bench.example" });
  const article = articleSchema(config.topics).parse(
    JSON.parse(readFileSync("scripts/sample-article.json", "utf8")),
  );
  for (let i = 0; i < 5; i++) await renderEdition(article, "ed_benchbenchbenchbench00", config);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const rendered = await renderEdition(article, "ed_benchbenchbenchbench00", config);
    times.push(performance.now() - t);
    bytes = Buffer.byteLength(rendered.html);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: times[25] as number, p90Ms: times[45] as number, htmlBytes: bytes };
}
