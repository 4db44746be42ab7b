import { readFileSync } from "node:fs";
import { cardFontFiles } from "../../functions/render/social/fonts.js";

/**
 * What the social card renderer needs beside the render function's bundle, as `afterBundling`
 * shell commands (run only when CDK really bundles; `inputDir` is the project, `outputDir` the asset).
 */

/**
 * The card's fonts under `fonts/<package>/`, where `fonts.ts` looks when no node_modules is there:
 * exactly the files it can read (Noto Sans' subsets in two weights, every Noto Sans SC subset in
 * two weights: ~10 MB), not the packages' ~85 MB.
 */
export function cardFontCommands(inputDir: string, outputDir: string): string[] {
  return Object.entries(cardFontFiles()).flatMap(([name, files]) => {
    const from = `${inputDir}/node_modules/@fontsource/${name}`;
    const to = `${outputDir}/fonts/${name}`;
    const fonts = files.filter((f) => f.startsWith("files/")).map((f) => f.slice("files/".length));
    return [
      `mkdir -p "${to}/files"`,
      `cp "${from}/unicode.json" "${to}/"`,
      // From inside the folder, so 200 file names do not each carry the path.
      `(cd "${from}/files" && cp ${fonts.join(" ")} "${to}/files/")`,
    ];
  });
}

/** A package's exact version and integrity, as the lock file pins them. */
function locked(name: string): { version: string; integrity: string } {
  const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")) as {
    packages: Record<string, { version: string; integrity: string }>;
  };
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  return entry;
}

/** Fails the bundling unless the tarball (argv 1) has the lock file's integrity (argv 2). */
const VERIFY_INTEGRITY =
  "const [f,i]=process.argv.slice(1);const h='sha512-'+require('crypto').createHash('sha512').update(require('fs').readFileSync(f)).digest('base64');if(h!==i){console.error(f+' does not match the lock file');process.exit(1)}";

/**
 * `@resvg/resvg-js` is a native module: its JS wrapper loads a per-platform package, and npm
 * installed only this machine's (linux-x64) one, while the functions run on arm64. The bundle
 * leaves it external; this copies the wrapper from node_modules and unpacks the linux-arm64-gnu
 * binary (Lambda's Amazon Linux is glibc) beside it, at the version and integrity the lock file
 * pins. `npm pack --prefer-offline` takes it from npm's cache after the first synth on a machine,
 * so only that first one reaches the npm registry (~1.9 MB).
 */
export function resvgArm64Commands(inputDir: string, outputDir: string): string[] {
  const native = "@resvg/resvg-js-linux-arm64-gnu";
  const { version, integrity } = locked(native);
  const wrapper = `${inputDir}/node_modules/@resvg/resvg-js`;
  const modules = `${outputDir}/node_modules/@resvg`;
  const tarball = `${modules}/resvg-resvg-js-linux-arm64-gnu-${version}.tgz`;
  return [
    `mkdir -p "${modules}/resvg-js" "${modules}/resvg-js-linux-arm64-gnu"`,
    `cp "${wrapper}/package.json" "${wrapper}/index.js" "${wrapper}/js-binding.js" "${modules}/resvg-js/"`,
    `npm pack ${native}@${version} --prefer-offline --silent --pack-destination "${modules}" > /dev/null`,
    `node -e "${VERIFY_INTEGRITY}" "${tarball}" "${integrity}"`,
    `tar -xzf "${tarball}" -C "${modules}/resvg-js-linux-arm64-gnu" --strip-components=1 package/package.json package/resvgjs.linux-arm64-gnu.node`,
    `rm "${tarball}"`,
  ];
}
