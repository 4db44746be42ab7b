import * as z from "zod";

/** Queue message bodies, validated on the way in: a malformed message is dropped, not retried forever. */
export const RenderJob = z.union([
  z.object({ editionId: z.string().min(1) }),
  z.object({ briefingId: z.string().min(1) }),
  z.object({ confirmSubscriber: z.string().min(1) }),
]);
export const SendJob = z.object({ editionId: z.string().min(1), chunk: z.string().min(1) });
