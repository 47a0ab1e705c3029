import type { AskBackground } from '../../lib/feed/background-client';
import type { BadgeView } from '../../lib/feed/runtime';
import { customerKey, postKey } from '../../lib/model/keys';
import type { BadgeActions } from './Badge';
import { describeLogged } from './labels';
import { useBadgeStore } from './store';

/** How long the badge offers to undo a logged interaction. */
export const UNDO_WINDOW_MS = 5_000;

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

  async function refreshSummary(view: BadgeView) {
    const key = customerKey(view.post.site, view.post.author);
    const answer = await ask('history.summary', { customerKeys: [key] });
    if (answer.ok) store().setSummaries(answer.summaries);
  }

  function notice(view: BadgeView, tone: 'done' | 'error', text: string, undoId?: string) {
    const key = postKey(view.post.site, view.post.postId);
    const undoUntil = undoId ? Date.now() + UNDO_WINDOW_MS : undefined;
    store().setNotice(key, { tone, text, undoId, undoUntil });
    // Drop the undo offer when its window closes (the text stays).
    if (undoId) later(() => store().setNotice(key, { tone, text }), UNDO_WINDOW_MS);
  }

  return {
    async logInteraction(view) {
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
      await refreshSummary(view);
    },
    async openHistory(view) {
      const answer = await ask('sidepanel.open', { customerKey: customerKey(view.post.site, view.post.author) });
      if (!answer.ok) notice(view, 'error', answer.error);
    },
    async undo(view, interactionId) {
      const answer = await ask('interaction.undo', { id: interactionId });
      if (!answer.ok) return notice(view, 'error', `Not undone: ${answer.error}`);
      notice(view, 'done', 'Undone');
      await refreshSummary(view);
    },
  };
}
