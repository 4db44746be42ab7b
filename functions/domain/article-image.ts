/** An article image as the card can draw it: satori decodes PNG and JPEG only. */
export interface ArticleImage {
  type: "image/png" | "image/jpeg";
  bytes: Uint8Array;
}
