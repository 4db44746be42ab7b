import { moveLegacyMarks } from "../functions/adapters/dynamo/move-legacy-marks.js";
import { moveLegacyTotals } from "../functions/adapters/dynamo/move-legacy-totals.js";
import { marksTableOf } from "../functions/domain/config.js";
import { scriptTable } from "./table-client.js";

/**
 * Moves what an older Herald stored where this one no longer reads it, once after upgrading (two
 * full scans of the main table; safe to run again, and while Herald runs):
 * - engagement marks, from the main table to the marks table (`move-legacy-marks.ts`);
 * - engagement totals, from `MSG` / `LINK#<key>` to `TOTAL#MSG` / `TOTAL#LINK#<key>`
 *   (`move-legacy-totals.ts`).
 *
 *   HERALD_TABLE_NAME=<table> HERALD_MARKS_TABLE_NAME=<marks table> [AWS_REGION=…] npx tsx scripts/upgrade-items.ts
 *
 * Locally add HERALD_DYNAMODB_ENDPOINT=http://127.0.0.1:8000 (credentials: any; the marks table is
 * `<table>-marks` there).
 */
const { tableName, db } = scriptTable();
const marksTable = marksTableOf({ tableName, marksTableName: process.env.HERALD_MARKS_TABLE_NAME });
const marks = await moveLegacyMarks(db, tableName, marksTable);
console.log(
  `moved ${marks.moved} marks from ${tableName} to ${marksTable}; ${marks.kept} had a newer mark there and were dropped`,
);
const totals = await moveLegacyTotals(db, tableName);
console.log(`moved ${totals.moved} engagement totals to their TOTAL# keys in ${tableName}`);
