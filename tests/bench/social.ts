import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { editionId } from "../../functions/domain/edition.js";
import { composeAll } from "../../functions/domain/social/compose.js";
import { bundleCardRenderer } from "../helpers/card-bundle.js";
import { seededRandom } from "../helpers/seed.js";

const percentile = (sorted: number[], p: number) => sorted[Math.floor(sorted.length * p)] as number;
const HEADLINES = [
  "US Seeks European Input on Ukraine Security Guarantees Amid Shifting Alliances",
  "Οι ΗΠΑ ζητούν τη γνώμη της Ευρώπης για τις εγγυήσεις ασφαλείας της Ουκρανίας",
  "США запрашивают мнение Европы о гарантиях безопасности для Украины",
  "美国就乌克兰安全保障问题征求欧洲意见，跨大西洋合作出现新变化",
];

/**
 * Runs in a fresh `node` (no tsx): imports the bundled card renderer and draws cards. `cold` prints
 * the time from process start (`performance.now()` counts from it) to the first card; `warm` draws
 * each headline once, then `count` more in turn, each with its own number (no two alike), and
 * prints each one's time.
 */
const CHILD = `
const [bundle, mode, count] = process.argv.slice(1);
const headlines = ${JSON.stringify(HEADLINES)};
const card = (headline) => ({ brandName: "The Daily Herald", accentColor: "#b3261e", label: "world",
  headline, byline: "By Oshadhi Gimesha" });
const beforeImport = performance.now();
const { renderCard } = await import(bundle);
const imported = performance.now();
const png = await renderCard(card(headlines[0]));
const first = performance.now();
if (mode === "cold") {
  console.log(JSON.stringify({ totalMs: first, importMs: imported - beforeImport, firstCardMs: first - imported }));
} else {
  for (const h of headlines) await renderCard(card(h));
  const times = [];
  let bytes = 0;
  for (let i = 0; i < Number(count); i++) {
    const t = performance.now();
    bytes = (await renderCard(card(headlines[i % headlines.length] + " " + i))).length;
    times.push(performance.now() - t);
  }
  console.log(JSON.stringify({ times, bytes, firstBytes: png.length }));
}`;

function child(bundle: string, mode: "cold" | "warm", count = 0) {
  const out = execFileSync(process.execPath, [
    "--input-type=module",
    "-e",
    CHILD,
    pathToFileURL(bundle).href,
    mode,
    String(count),
  ]);
  return JSON.parse(out.toString().trim().split("\n").pop() as string);
}

/**
 * The social card, bundled as the render function bundles it (fonts beside the bundle, resvg
 * native): cold is a fresh process to its first card, fonts included (median of `processes`);
 * warm is p50/p90 of `renders` cards in one process, Latin, Greek, Cyrillic and Chinese in turn.
 */
export async function measureCard(processes = 5, renders = 40) {
  const bundle = await bundleCardRenderer();
  try {
    const cold = Array.from({ length: processes }, () => child(bundle, "cold"));
    cold.sort((a, b) => a.totalMs - b.totalMs);
    const median = cold[Math.floor(processes / 2)];
    const warm = child(bundle, "warm", renders);
    const times = [...(warm.times as number[])].sort((a, b) => a - b);
    const p50By = (script: number) =>
      percentile(
        (warm.times as number[]).filter((_, i) => i % HEADLINES.length === script).sort((a, b) => a - b),
        0.5,
      );
    return {
      coldP50Ms: median.totalMs as number,
      coldImportMs: median.importMs as number,
      coldFirstCardMs: median.firstCardMs as number,
      allColdMs: cold.map((c) => Math.round(c.totalMs)),
      warmP50Ms: percentile(times, 0.5),
      warmP90Ms: percentile(times, 0.9),
      warmP50MsByScript: { latin: p50By(0), greek: p50By(1), cyrillic: p50By(2), chinese: p50By(3) },
      pngBytes: warm.bytes as number,
    };
  } finally {
    rmSync(dirname(bundle), { recursive: true, force: true });
  }
}

const WORDS = [
  "storm",
  "bridge",
  "council",
  "vote",
  "budget",
  "élection",
  "Ukraine",
  "Europe",
  "climate",
  "ministry",
  "talks",
  "record",
  "heat",
  "market",
  "rates",
  "court",
  "ruling",
  "strike",
  "port",
  "rail",
];
const EXTRAS = ["", " — what we know", " 🌧️", " (live)", " & more", " #update", " «quoted»", " 美国"];

/** A title of 3 to 60 words (sometimes past every network's limit), with the odd emoji or CJK. */
function title(random: () => number): string {
  const n = 3 + Math.floor(random() * random() * 58);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)] as string);
  const text = words.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${EXTRAS[Math.floor(random() * EXTRAS.length)]}`;
}

/**
 * All seven networks' posts for each of `editions` varied editions, after 200 unmeasured ones (the
 * JIT and twitter-text's first parses): p50/p90/p99 per edition.
 */
export function measureComposition(editions = 500) {
  const random = seededRandom(7);
  const topics = ["world", "politics", "climate-change", "business", "technology"];
  const warmUp = 200;
  const sources = Array.from({ length: editions + warmUp }, (_, i) => ({
    editionId: editionId(`bench-${i}`, "1"),
    url: `https://news.example.org/2025/${i}/story?ref=home`,
    title: title(random),
    summary: random() < 0.7 ? title(random) : undefined,
    topics: topics.filter(() => random() < 0.4),
  }));
  const times: number[] = [];
  for (const [i, source] of sources.entries()) {
    const t = performance.now();
    composeAll(source);
    if (i >= warmUp) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    editions,
    p50Ms: percentile(times, 0.5),
    p90Ms: percentile(times, 0.9),
    p99Ms: percentile(times, 0.99),
  };
}
