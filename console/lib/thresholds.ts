/**
 * The rates at which an edition pauses itself (functions/domain/send-health.ts; a unit test keeps
 * the two equal). Copied, not imported: the domain module's imports are Node's.
 */
export const BOUNCE_RATE_LIMIT = 0.05;
export const COMPLAINT_RATE_LIMIT = 0.001;
