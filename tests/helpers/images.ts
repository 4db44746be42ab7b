import { Resvg } from "@resvg/resvg-js";

/** A PNG of one colour, drawn by resvg: a real image for the card to decode. */
export function solidPng(width: number, height: number, color: string): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${color}"/></svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

/** The smallest baseline JPEG (1×1, grey): enough for anything that looks at its signature. */
export const TINY_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);
