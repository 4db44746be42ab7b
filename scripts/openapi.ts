import { writeFileSync } from "node:fs";
import { openApiDocument } from "../functions/api/openapi/document.js";

/**
 * Writes the OpenAPI document the API serves at /docs. It is generated at build time, not at run
 * time, so the API bundle carries a JSON file instead of a schema-to-OpenAPI converter.
 */
const target = new URL("../functions/api/openapi/openapi.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
