/**
 * One-time releases of scheduled editions. When a schedule fires, the edition's job (`{ editionId }`)
 * goes to the edition queue; the render worker sends the edition if it is still `scheduled` and its
 * `sendAt` has come. A schedule that fires for an edition cancelled, rescheduled or sent meanwhile
 * therefore does nothing, so deleting one is tidiness, never what keeps an edition from going out.
 *
 * @example
 * await ports.scheduler.schedule("ed_…", new Date("2026-12-06T07:00:00Z")); // create or move
 * await ports.scheduler.unschedule("ed_…");                                 // absent is fine
 */
export interface Scheduler {
  /** Creates the edition's schedule, or moves it to `at` when it exists. */
  schedule(editionId: string, at: Date): Promise<void>;
  /** Deletes the edition's schedule; one that does not exist (fired, never made) is not an error. */
  unschedule(editionId: string): Promise<void>;
}
