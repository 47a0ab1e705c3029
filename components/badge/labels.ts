import type { Department, Signal, Stage } from '../../lib/model/inference';
import type { HistorySummary, PostStatus } from '../../lib/messaging';

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

/** The one-click actions' icons, as text (their accessible names are their labels). */
export const ACTION_GLYPHS = { log: '✓', flag: '⚑', history: '⟲' } as const;

export type ActionKind = keyof typeof ACTION_GLYPHS;

/** The actions' accessible names, which people and acceptance tests look for (CONTRACT section 2). */
export const ACTION_NAMES: Record<ActionKind, string> = { log: 'Log interaction', flag: 'Flag lead', history: 'Customer history' };

/** The pill's text: "Purchase · Sales", or the stage alone when no department owns it. */
export function pillText(stage: Stage, department: Department): string {
  const owner = DEPARTMENT_SHORT[department];
  return owner ? `${STAGE_SHORT[stage]} · ${owner}` : STAGE_SHORT[stage];
}

/** The pill's accessible name, which says what pressing it does. */
export function pillLabel(stage: Stage, department: Department): string {
  const owner = DEPARTMENT_SHORT[department];
  return `Switchboard: ${STAGE_SHORT[stage]}${owner ? `, ${owner}` : ''}. Show why`;
}

/** "3 interactions · lead: contacted", or null when there is no history yet. */
export function describeHistory(summary: HistorySummary | undefined): string | null {
  if (!summary) return null;
  const parts: string[] = [];
  const handled = describeHandled(summary);
  if (handled) parts.push(handled);
  if (summary.interactions > 1) parts.push(`${summary.interactions} interactions`);
  const lead = describeLead(summary);
  if (lead) parts.push(lead);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** "Handled by dana · 10:42": who answered the customer last tells a teammate at once that they are handled. */
export function describeHandled(summary: HistorySummary | undefined): string | null {
  const last = summary?.lastInteraction;
  return last ? `Handled by ${last.memberHandle} · ${clockTime(last.createdAt)}` : null;
}

/** "lead: contacted": the customer's open lead and where it stands. */
export function describeLead(summary: HistorySummary | undefined): string | null {
  return summary?.lead ? `lead: ${summary.lead.status}` : null;
}

/** A teammate's presence counts this long after it was received ("Sam is on it"). */
export const PRESENCE_FRESH_MS = 60_000;

/** The departments a post can be assigned to, in the order the select lists them. */
export const ASSIGNABLE_DEPARTMENTS = ['service', 'sales', 'marketing', 'pr'] as const;

function capitalized(handle: string): string {
  return handle.charAt(0).toUpperCase() + handle.slice(1);
}

/**
 * The post's own line: who has it ("Assigned to sam", "Assigned to you", "In the Sales queue") or
 * who finished it ("Done by sam"), then a teammate at it now ("Sam is on it": never myself, only
 * within a minute, not once it is done); null when the post has none of these.
 */
export function describePostStatus(
  status: PostStatus | undefined,
  me: string | null,
  now: number = Date.now(),
  receivedAt: number = now,
): string | null {
  if (!status) return null;
  const a = status.assignment;
  if (a?.status === 'done') return a.assignee ? `Done by ${a.assignee === me ? 'you' : a.assignee}` : 'Done';
  const parts: string[] = [];
  if (a?.assignee) parts.push(`Assigned to ${a.assignee === me ? 'you' : a.assignee}`);
  else if (a) parts.push(DEPARTMENT_SHORT[a.department] ? `In the ${DEPARTMENT_SHORT[a.department]} queue` : 'Waiting for someone');
  const fresh = status.presence.filter((p) => p.memberHandle !== me && now - receivedAt < PRESENCE_FRESH_MS);
  const onIt = fresh.find((p) => p.activity === 'answering') ?? fresh[0];
  if (onIt) parts.push(`${capitalized(onIt.memberHandle)} is on it`);
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
