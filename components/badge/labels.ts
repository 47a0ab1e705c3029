import type { Department, Signal, Stage } from '../../lib/model/inference';
import type { HistorySummary } from '../../lib/messaging';

/** Short words for the pill: stage and department are always written, never colour alone. */
export const STAGE_SHORT: Record<Stage, string> = {
  'pre-purchase': 'Pre-purchase',
  purchase: 'Purchase',
  'post-purchase': 'Post-purchase',
  none: 'No stage',
};

export const DEPARTMENT_SHORT: Record<Department, string> = {
  marketing: 'Marketing',
  pr: 'PR',
  sales: 'Sales',
  service: 'Service',
  none: '',
};

/** "3 interactions · lead: contacted", or null when there is no history yet. */
export function describeHistory(summary: HistorySummary | undefined): string | null {
  if (!summary) return null;
  const parts: string[] = [];
  const last = summary.lastInteraction;
  // Who answered last tells a teammate at once that this customer is handled.
  if (last) parts.push(`Handled by ${last.memberHandle} · ${clockTime(last.createdAt)}`);
  if (summary.interactions > 1) parts.push(`${summary.interactions} interactions`);
  if (summary.lead) parts.push(`lead: ${summary.lead.status}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** "Logged 10:42 · you" — the time in the reader's own clock. */
export function describeLogged(createdAt: string, memberHandle: string, myHandle: string): string {
  return `Logged ${clockTime(createdAt)} · ${memberHandle === myHandle ? 'you' : memberHandle}`;
}

/** 10:42, in the reader's own clock. */
function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** One signal as the hover card lists it: `price question: “how much”`. */
export function describeSignal(signal: Signal): string {
  const name = signal.name.replace(/[-_]/g, ' ');
  return signal.matched ? `${name}: “${signal.matched}”` : name;
}
