import {
  DEPARTMENT_LABEL,
  STAGE_LABEL,
  type CustomerKey,
  type InteractionKind,
  type LeadStatus,
  type Site,
} from '../../lib/model';

export const SITE_LABEL: Record<Site, string> = { x: 'X', facebook: 'Facebook', instagram: 'Instagram' };

export const KIND_LABEL: Record<InteractionKind, string> = {
  reply: 'Reply',
  'direct-message': 'Direct message',
  call: 'Call',
  email: 'Email',
  note: 'Note',
};

export const LEAD_STATUS_LABEL: Record<LeadStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  won: 'Won',
  lost: 'Lost',
};

export { DEPARTMENT_LABEL, STAGE_LABEL };

export function splitCustomerKey(key: CustomerKey): { site: Site; handle: string } {
  const i = key.indexOf(':');
  return { site: key.slice(0, i) as Site, handle: key.slice(i + 1) };
}

/** Only web links go into an href: a stored permalink is page data, and `javascript:` is a URL too. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : dateTime.format(t);
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** The time of day alone, as `formatTime` writes it ("7:47 PM", "19:47"). */
export function formatClock(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : clock.format(t);
}

/** "45 min", "2 h 5 min", "3 d 4 h": short enough for a narrow panel. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
