/**
 * A response body read to its end, refusing it as soon as it passes `maxBytes` (a missing or
 * lying Content-Length cannot make us hold more): `tooLarge()` is thrown then.
 *
 * @example
 * const bytes = await readCapped(res, 5_000_000, () => new Error("too large"));
 */
export async function readCapped(
  res: Response,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
