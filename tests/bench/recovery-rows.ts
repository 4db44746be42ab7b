import { measureRecoveryPass } from "./recovery-pass.js";
import { measureRestartToFirstEmail } from "./restart-after-kill.js";
import type { Row } from "./rows.js";

/**
 * Self-healing sends as bench rows: a restart's way back to sending an interrupted send, and what a
 * recovery pass costs on a table full of finished editions.
 */
export async function recoveryRows(dynamoEndpoint: string) {
  const pass = await measureRecoveryPass(dynamoEndpoint);
  const restart = await measureRestartToFirstEmail();
  const rows: Row[] = [
    [
      "npm start killed mid-send (5k readers), restart → first email of that send",
      `${restart.firstEmailSeconds.toFixed(1)} s (DynamoDB Local up after ${restart.dynamoSeconds.toFixed(1)} s, running after ${restart.readySeconds.toFixed(1)} s; killed at ${restart.sentAtKill} sent, all done after ${restart.finishedSeconds.toFixed(1)} s, ${restart.unknown} unknown)`,
      "—",
    ],
    [
      `recovery pass, ${pass.finishedEditions} finished + ${pass.stalledEditions} stalled editions (${pass.itemsWritten} items), p50 of 5`,
      `${pass.passP50Ms.toFixed(0)} ms, ${pass.entriesRead} entries read, ${pass.chunksRequeuedPerPass} chunks queued (runs: ${pass.allMs.join(", ")})`,
      "reads no finished edition",
    ],
  ];
  return { rows, recovery: { pass, restart } };
}
