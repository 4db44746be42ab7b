import { build } from "esbuild";
const r = await build({ entryPoints: ["functions/handlers/api.ts"], bundle: true, write: false, outfile: "index.mjs", platform: "node", format: "esm", target: "node22", external: ["@aws-sdk/*"], minify: true, logLevel: "silent" });
console.log(r.outputFiles.reduce((s, f) => s + f.contents.byteLength, 0));
