import type { BriefingItem } from "../../domain/briefing/content.js";
import type { RenderedEdition } from "../../domain/rendered.js";
import type { SendProgress } from "./editions.js";

/** Daily briefings: one per newsroom day, fanned out like an edition. */

export interface BriefingRecord extends SendProgress {
  /** The newsroom's local date, `YYYYMMDD`. */
  day: string;
  /** Editions recorded after `from` up to `until` are in it; the next briefing starts at `until`. */
  window: { from: string; until: string };
  items: BriefingItem[];
}

export interface BriefingRepo {
  /** Records a new briefing; when one with this id exists already, returns it instead. */
  create(briefing: BriefingRecord): Promise<{ created: boolean; briefing: BriefingRecord }>;
  /**
   * Puts `briefing` over the one with its id only while that one is still empty (a run that found
   * nothing to send); `false` when it is not empty any more (another run filled it first).
   */
  replaceEmpty(briefing: BriefingRecord): Promise<boolean>;
  get(id: string): Promise<BriefingRecord | undefined>;
  /** Newest first. */
  list(limit: number, cursor?: string): Promise<{ briefings: BriefingRecord[]; cursor?: string }>;
  /** The render for one topic combination; each is stored once. */
  saveRender(id: string, combo: string, rendered: RenderedEdition): Promise<void>;
  getRender(id: string, combo: string): Promise<RenderedEdition | undefined>;
  /** How many topic combinations have been rendered. */
  renders(id: string): Promise<number>;
  /** The topic combinations rendered, by name (`business+world`). */
  combos(id: string): Promise<string[]>;
}
