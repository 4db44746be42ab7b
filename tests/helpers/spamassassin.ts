import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SpamVerdict {
  score: number;
  /** The rules that hit, as `NAME=points`, for a failure message that says why. */
  rules: string[];
}

/** SpamAssassin keeps per-user state under $HOME; a test gets a throwaway one. */
const home = mkdtempSync(join(tmpdir(), "herald-sa-"));

/**
 * Scores a raw RFC 822 message with the SpamAssassin installed on the machine, local rules only
 * (`-L`: no DNS blocklists, no network) and nothing learned (no Bayes, no auto-learning), so the
 * score depends on the message alone.
 *
 * @example
 * const { score, rules } = await spamScore(await emlOf(sesEndpoint, messageId));
 */
export function spamScore(raw: Buffer): Promise<SpamVerdict> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "spamassassin",
      ["-L", "-t", "-x", "--cf=use_bayes 0", "--cf=bayes_auto_learn 0"],
      { env: { ...process.env, HOME: home }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error) return reject(error);
        const status = stdout.match(
          /^X-Spam-Status: \w+, score=(-?[\d.]+)[\s\S]*?tests=([\s\S]*?)autolearn=/m,
        );
        if (!status) return reject(new Error("SpamAssassin gave no X-Spam-Status header"));
        const rules = (status[2] ?? "").split(/[,\s]+/).filter((r) => r && r !== "none");
        const points = new Map(
          [...stdout.matchAll(/^\s*(-?[\d.]+)\s+([A-Z0-9_]+)\s/gm)].map(([, p, name]) => [name, p]),
        );
        resolve({ score: Number(status[1]), rules: rules.map((r) => `${r}=${points.get(r) ?? "?"}`) });
      },
    );
    child.stdin?.end(raw);
  });
}
