import type { AskBackground } from '../../lib/feed/background-client';
import type { BadgeView } from '../../lib/feed/runtime';
import { customerKey, postKey } from '../../lib/model/keys';
import type { AssignTarget } from './AssignRow';
import type { BadgeActions } from './Badge';
import { describeLogged } from './labels';
import { useBadgeStore, type BadgeNotice } from './store';

/** A post's presence is announced again at most this often (the team keeps it for a minute). */
export const ANNOUNCE_EVERY_MS = 20_000;

/** How long the badge offers to undo a logged interaction. */
export const UNDO_WINDOW_MS = 5_000;

/** The team's members are asked for again at most this often (they change rarely). */
export const TEAM_FRESH_MS = 60_000;

function seen(view: BadgeView) {
  const { stage, department, confidence } = view.inference;
  return { stage, department, confidence };
}

/**
 * The badge buttons, wired to the background. Every outcome lands in the badge store, so the
 * badge shows what happened (or the error, in words) at once; nothing is thrown at the page.
 */
export function createBadgeActions(ask: AskBackground, later: (callback: () => void, ms: number) => void): BadgeActions {
  const store = useBadgeStore.getState;

  /** When each post's presence was last announced: a card opened again and again says it once. */
  const announced = new Map<string, { activity: string; at: number }>();

  /** When the team's members were last asked for (every card of the page shares the answer). */
  let teamAskedAt = Number.NEGATIVE_INFINITY;

  function announce(view: BadgeView, activity: 'viewing' | 'answering') {
    const key = postKey(view.post.site, view.post.postId);
    const last = announced.get(key);
    const now = Date.now();
    if (last && now - last.at < ANNOUNCE_EVERY_MS && (last.activity === activity || last.activity === 'answering')) return;
    announced.set(key, { activity, at: now });
    // Best effort: not connected, or the backend away, and nothing happens.
    void ask('presence.announce', { postKey: key, activity });
  }

  async function refreshStatus(view: BadgeView) {
    const answer = await ask('post.status', { postKeys: [postKey(view.post.site, view.post.postId)] });
    if (answer.ok) store().setStatuses(answer.statuses, answer.me);
  }

  async function refreshSummary(view: BadgeView) {
    const key = customerKey(view.post.site, view.post.author);
    const answer = await ask('history.summary', { customerKeys: [key] });
    if (answer.ok) store().setSummaries(answer.summaries);
  }

  function notice(view: BadgeView, tone: 'done' | 'error', text: string, undoId?: string) {
    const key = postKey(view.post.site, view.post.postId);
    const undoUntil = undoId ? Date.now() + UNDO_WINDOW_MS : undefined;
    const said: BadgeNotice = { tone, text, undoId, undoUntil, fresh: true };
    store().setNotice(key, said);
    // When its window closes the notice stays as the badge's line, without its undo offer: unless
    // a newer one has replaced it meanwhile, which keeps its own window.
    later(() => {
      if (store().notices[key] === said) store().setNotice(key, { tone, text });
    }, UNDO_WINDOW_MS);
  }

  async function openCustomer(view: BadgeView) {
    const answer = await ask('sidepanel.open', { customerKey: customerKey(view.post.site, view.post.author) });
    if (!answer.ok) notice(view, 'error', answer.error);
  }

  function clearNotice(view: BadgeView) {
    store().setNotice(postKey(view.post.site, view.post.postId), null);
  }

  return {
    async logInteraction(view) {
      announce(view, 'answering');
      const answer = await ask('interaction.log', { post: view.post, inference: seen(view) });
      if (!answer.ok) return notice(view, 'error', `Not logged: ${answer.error}`);
      const { interaction } = answer;
      notice(view, 'done', describeLogged(interaction.createdAt, interaction.memberHandle, interaction.memberHandle), interaction.id);
      await refreshSummary(view);
    },
    async flagLead(view) {
      const answer = await ask('lead.flag', { post: view.post, inference: seen(view) });
      if (!answer.ok) return notice(view, 'error', `No lead: ${answer.error}`);
      notice(view, 'done', answer.created ? 'Lead flagged · new' : `Lead already open · ${answer.lead.status}`);
      // The customer already has an open lead: open it (the side panel on the customer, where the
      // lead's status moves), still within the click that asked.
      if (!answer.created) await openCustomer(view);
      await refreshSummary(view);
    },
    openHistory: openCustomer,
    announce,
    async claim(view) {
      const answer = await ask('assignment.claim', { post: view.post, inference: seen(view) });
      // A refused claim says who has the post, in their words ("sam already has this post").
      if (!answer.ok) {
        notice(view, 'error', answer.error);
        return refreshStatus(view);
      }
      // No notice: the status line says it ("Assigned to you"), and follows when a teammate's
      // claim wins at the backend instead ("Assigned to dana").
      clearNotice(view);
      await refreshStatus(view);
    },
    async done(view, assignmentId) {
      const answer = await ask('assignment.done', { id: assignmentId });
      if (!answer.ok) return notice(view, 'error', `Not done: ${answer.error}`);
      clearNotice(view);
      await refreshStatus(view);
    },
    async assign(view, target: AssignTarget) {
      const answer = await ask('assignment.create', { post: view.post, inference: seen(view), ...target });
      if (!answer.ok) return notice(view, 'error', `Not assigned: ${answer.error}`);
      // No notice: the status line says it ("In the Service queue"), and follows when the team
      // server's router picks someone ("Assigned to dana").
      clearNotice(view);
      await refreshStatus(view);
    },
    async loadTeam() {
      const now = Date.now();
      if (now - teamAskedAt < TEAM_FRESH_MS) return;
      teamAskedAt = now;
      const answer = await ask('team.members', {});
      if (!answer.ok) {
        teamAskedAt = Number.NEGATIVE_INFINITY; // the next card asks again
        return;
      }
      store().setTeam({ connected: answer.connected, members: answer.members });
    },
    async undo(view, interactionId) {
      const answer = await ask('interaction.undo', { id: interactionId });
      if (!answer.ok) return notice(view, 'error', `Not undone: ${answer.error}`);
      notice(view, 'done', 'Undone');
      await refreshSummary(view);
    },
  };
}
