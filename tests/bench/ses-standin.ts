import { startSesLocal } from "../../functions/local/ses-local.js";

/** The aws-ses-v2-local stand-in in its own process, so its in-memory store is not Herald's RSS. */
const ses = await startSesLocal(0);
process.stdout.write(`${JSON.stringify({ port: Number(new URL(ses.endpoint).port) })}\n`);
