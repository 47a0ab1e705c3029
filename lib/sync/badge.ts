/**
 * The toolbar badge for a sync state: empty while all is well (no flicker on every sync), the
 * number of changes waiting while offline, `!` on an error. Pure: the background applies it.
 */
import type { SyncState } from './state';

export interface BadgeView {
  /** At most four characters (what Chrome shows). */
  text: string;
  color: string;
  /** The button's tooltip. */
  title: string;
}

export const BADGE_COLORS = { offline: '#6b7280', error: '#b45309', revoked: '#b91c1c', sending: '#2563eb' } as const;

function waiting(pending: number): string {
  return pending > 999 ? '999+' : String(pending);
}

function changes(pending: number): string {
  return pending === 1 ? '1 change' : `${pending} changes`;
}

export function badgeFor(state: SyncState, teamName?: string | null): BadgeView {
  const team = teamName ? ` with ${teamName}` : '';
  switch (state.status) {
    case 'disconnected':
      return { text: '', color: BADGE_COLORS.offline, title: 'Switchboard: not connected to a team (everything works on this device)' };
    case 'synced':
      return { text: '', color: BADGE_COLORS.sending, title: `Switchboard: in sync${team}` };
    case 'syncing':
      return {
        text: state.pending > 0 ? waiting(state.pending) : '',
        color: BADGE_COLORS.sending,
        title: state.pending > 0 ? `Switchboard: sending ${changes(state.pending)}${team}` : `Switchboard: syncing${team}`,
      };
    case 'offline':
      return {
        text: state.pending > 0 ? waiting(state.pending) : 'off',
        color: BADGE_COLORS.offline,
        title: `Switchboard: offline. ${state.reason ?? ''}${state.pending > 0 ? ` ${changes(state.pending)} waiting, kept on this device.` : ''}`.trim(),
      };
    case 'error':
      return {
        text: '!',
        color: state.problem === 'revoked' ? BADGE_COLORS.revoked : BADGE_COLORS.error,
        title: `Switchboard: ${state.reason ?? 'sync error'}`,
      };
  }
}
