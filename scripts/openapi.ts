import { writeFileSync } from "node:fs";
import { openApiDocument } from "../functions/api/openapi/document.js";

/**
 * Writes the OpenAPI document generated from the zod contract. It is made at build time, not at run
 * time, so no function carries a schema-to-OpenAPI converter; the console's function serves the file
 * at `/openapi.json` and its readable page at `/docs`, so the API's bundle does not carry it either. A test checks it is
 * fresh.
 */
const document = openApiDocument();
const file = new URL("../functions/api/openapi/openapi.json", import.meta.url);
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
