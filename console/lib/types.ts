/** The API's answers as the console reads them (functions/api/schemas.ts is the contract). */
export interface Session {
  name: string;
  role: "viewer" | "editor" | "admin";
  csrfToken: string;
  expiresAt: string;
}

export type Counts = Record<string, number> & { planned: number; sent: number };

export interface SocialPost {
  network: string;
  account: string;
  status: string;
  url?: string;
  error?: string;
  message?: string;
  attempts?: number;
  updatedAt?: string;
}

export interface Edition {
  id: string;
  title: string;
  status: string;
  statusReason?: string;
  stalled?: boolean;
  sendAt?: string;
  createdAt: string;
  counts: Counts;
  social?: SocialPost[];
  shares?: Record<string, number>;
}

export interface RenderView {
  topics?: string[];
  key?: string;
  recipients?: number;
}

export interface Briefing {
  id: string;
  day: string;
  status: string;
  statusReason?: string;
  stalled?: boolean;
  createdAt: string;
  window?: { from: string; until: string };
  editions?: string[];
  counts: Counts;
  renders?: number | RenderView[];
}

export interface EmailView {
  subject: string;
  preheader?: string;
  html: string;
  text: string;
}

export interface AuditItem {
  at: string;
  actor: string;
  role?: string;
  action: string;
  target?: string;
  details?: unknown;
}
