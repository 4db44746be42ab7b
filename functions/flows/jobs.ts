import * as z from "zod";
import { SignUp } from "../domain/sign-up.js";
import { SocialNetwork } from "../domain/social/network.js";

/** Queue message bodies, validated on the way in: a malformed message is dropped, not retried forever. */
export const RenderJob = z.union([
  z.object({ editionId: z.string().min(1) }),
  z.object({ briefingId: z.string().min(1) }),
  z.object({ confirmSubscriber: z.string().min(1) }),
  z.object({ signUp: SignUp }),
]);
export const SendJob = z.object({
  editionId: z.string().min(1),
  chunk: z.string().min(1),
  throttled: z.number().int().min(0).max(1000).optional(),
});

export const SocialPostJob = z.object({
  editionId: z.string().min(1),
  network: SocialNetwork,
  account: z.string().min(1),
  notBefore: z.iso.datetime({ offset: true }).optional(),
});
/** The post job first: the edition job's schema would accept (and strip) a post job too. */
export const SocialJob = z.union([SocialPostJob, z.object({ editionId: z.string().min(1) })]);
