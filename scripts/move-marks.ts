import { documentClient } from "../functions/adapters/dynamo/client.js";
import { moveLegacyMarks } from "../functions/adapters/dynamo/move-legacy-marks.js";
import { marksTableOf } from "../functions/domain/config.js";

/**
 * Moves the engagement marks an older Herald kept in the main table to the marks table, once after
 * upgrading to the version that has one (a full scan):
 *   HERALD_TABLE_NAME=<table> HERALD_MARKS_TABLE_NAME=<marks table> [AWS_REGION=…] npx tsx scripts/move-marks.ts
 * Locally add HERALD_DYNAMODB_ENDPOINT=http://127.0.0.1:8000 (credentials: any; the marks table is
 * `<table>-marks` there).
 */
const tableName = process.env.HERALD_TABLE_NAME ?? "herald";
const marksTable = marksTableOf({ tableName, marksTableName: process.env.HERALD_MARKS_TABLE_NAME });
const endpoint = process.env.HERALD_DYNAMODB_ENDPOINT;
const db = documentClient(
  endpoint
    ? { endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } }
    : {},
);
const { moved, kept } = await moveLegacyMarks(db, tableName, marksTable);
console.log(
  `moved ${moved} marks from ${tableName} to ${marksTable}; ${kept} had a newer mark there and were dropped`,
);
