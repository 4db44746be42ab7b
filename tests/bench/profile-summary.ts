import type { Profiler } from "node:inspector";

/** Where a profiled function's code lives: Herald's own layers, a package, or Node/V8 itself. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "node/v8 native";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const own = /\/functions\/([^/]+)(?:\/([^/]+))?/.exec(url);
  if (own)
    return own[2]?.endsWith(".ts") || !own[2] ? `functions/${own[1]}` : `functions/${own[1]}/${own[2]}`;
  return url.replace(/^.*\/(tests\/)/, "$1");
}

/**
 * The top self-time entries of a CPU profile, by function (with its file) and by area, as shares of
 * all samples.
 *
 * @example
 * summarizeProfile(profile).top[0]; // { name: "(garbage collector)", where: "", percent: 9.1 }
 */
export function summarizeProfile(profile: Profiler.Profile, count = 10) {
  const hits = new Map<number, number>();
  for (const s of profile.samples ?? []) hits.set(s, (hits.get(s) ?? 0) + 1);
  const total = profile.samples?.length ?? 1;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? 0;
    if (!n) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/(node_modules|functions)\//, "$1/");
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + n);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + n);
  }
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([what, n]) => ({ what, percent: Math.round((1000 * n) / total) / 10 }));
  return { samples: total, top: ranked(byFunction), areas: ranked(byArea) };
}
