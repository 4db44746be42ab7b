import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { type RunningSes, startSesLocal } from "../../functions/local/ses-local.js";
import { clearEmails, sentEmails } from "../helpers/ses-store.js";

const dir = mkdtempSync(join(tmpdir(), "herald-inbox-"));
let ses: RunningSes | undefined;
afterAll(async () => {
  await ses?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function send(endpoint: string, to: string) {
  const client = new SESv2Client({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: "news@herald.localhost",
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: `for ${to}` }, Body: { Text: { Data: "hello" } } } },
    }),
  );
  client.destroy();
}

describe("the SES stand-in's inbox under the data folder", () => {
  it("keeps what it received across a restart, and clear-store empties it for good", async () => {
    ses = await startSesLocal(0, { inboxDir: dir });
    await send(ses.endpoint, "one@example.org");
    await send(ses.endpoint, "two@example.org");
    // Written before the stand-in answered: a process killed now would still have both.
    expect(readFileSync(join(dir, "emails.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
    await ses.stop();

    ses = await startSesLocal(0, { inboxDir: dir });
    await send(ses.endpoint, "three@example.org");
    const kept = await sentEmails(ses.endpoint);
    expect(kept.map((e) => e.destination.to[0])).toEqual([
      "one@example.org",
      "two@example.org",
      "three@example.org",
    ]);

    await clearEmails(ses.endpoint);
    await send(ses.endpoint, "four@example.org");
    await ses.stop();
    ses = await startSesLocal(0, { inboxDir: dir });
    expect((await sentEmails(ses.endpoint)).map((e) => e.destination.to[0])).toEqual(["four@example.org"]);
  });

  it("skips a line a crash cut short, keeping the rest", async () => {
    await ses?.stop();
    const file = join(dir, "emails.jsonl");
    const whole = readFileSync(file, "utf8");
    writeFileSync(file, `${whole}{"messageId":"cut-sh`);
    ses = await startSesLocal(0, { inboxDir: dir });
    expect((await sentEmails(ses.endpoint)).map((e) => e.destination.to[0])).toEqual(["four@example.org"]);
  });
});
