/**
 * The layers of functions/, lowest first: domain → render → flows → adapters | api → handlers | local.
 * An import may point down or sideways within its layer, never up (docs/architecture.md).
 * `npm run lint:layers` (part of `npm test`) fails on the first arrow that points up.
 */
const layer = (name) => `^functions/${name}/`;
const above = {
  domain: ["render", "flows", "adapters", "api", "handlers", "local", "console"],
  render: ["flows", "adapters", "api", "handlers", "local", "console"],
  flows: ["adapters", "api", "handlers", "local", "console"],
  adapters: ["api", "handlers", "local", "console"],
  api: ["adapters", "handlers", "local"],
};

module.exports = {
  forbidden: [
    ...Object.entries(above).map(([from, higher]) => ({
      name: `${from}-imports-only-below`,
      comment: `${from}/ may not import ${higher.join(", ")}: those layers build on it`,
      severity: "error",
      from: { path: layer(from) },
      to: { path: `^functions/(${higher.join("|")})/` },
    })),
    {
      name: "domain-has-no-io",
      comment: "the domain is rules and schemas: no AWS SDK, no HTTP framework, no MJML, no file system",
      severity: "error",
      from: { path: layer("domain") },
      to: {
        path: "(^|/)node_modules/(@aws-sdk|@aws-lambda-powertools|hono|@hono|mjml|satori|@resvg)/|^(fs|node:fs)",
      },
    },
    {
      name: "only-the-renderer-loads-mjml",
      comment: "MJML stays in the render function's bundle",
      severity: "error",
      from: { path: "^functions/", pathNot: "^functions/(render|local)/" },
      to: { path: "node_modules/mjml" },
    },
    {
      name: "infra-shares-no-flows",
      comment:
        "the stack shares schemas and constants with the functions (table keys, font files), not their flows",
      severity: "error",
      from: { path: "^infra/" },
      to: { path: "^functions/(flows|api|handlers|local)/" },
    },
    {
      name: "no-circular",
      comment: "a cycle of runtime imports makes load order matter; type-only cycles are harmless",
      severity: "error",
      from: { path: "^functions/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    exclude: { path: "node_modules" },
  },
};
