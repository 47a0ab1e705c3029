import { useEffect, useId, useState } from 'react';
import type { BadgeView } from '../../lib/feed/runtime';
import { customerKey, postKey } from '../../lib/model/keys';
import { describeHistory, describeSignal, DEPARTMENT_SHORT, STAGE_SHORT } from './labels';
import { useBadgeStore } from './store';

/** What the badge's buttons do; the content script wires them to the background. */
export interface BadgeActions {
  logInteraction(view: BadgeView): void;
  flagLead(view: BadgeView): void;
  openHistory(view: BadgeView): void;
  undo(view: BadgeView, interactionId: string): void;
}

export type Theme = 'light' | 'dark';

interface BadgeProps {
  view: BadgeView;
  actions: BadgeActions;
}

/**
 * The in-page badge: stage and department in words and colour, the three one-click actions, and
 * a card with the persona hint and the signals on hover or keyboard focus. Post text never
 * reaches the DOM here except as React text.
 */
export function Badge({ view, actions }: BadgeProps) {
  const { post, inference } = view;
  const key = customerKey(post.site, post.author);
  const summary = useBadgeStore((state) => state.summaries[key]);
  const notice = useBadgeStore((state) => state.notices[postKey(post.site, post.postId)]);
  const [pinnedOpen, setPinnedOpen] = useState(false);
  // The card is built only when someone looks at it: most badges scroll by unread.
  const [looking, setLooking] = useState(false);
  const cardId = useId();
  const history = describeHistory(summary);
  const stageWords = STAGE_SHORT[inference.stage];
  const department = DEPARTMENT_SHORT[inference.department];

  useEffect(() => {
    if (!pinnedOpen) return;
    const close = (event: KeyboardEvent) => event.key === 'Escape' && setPinnedOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [pinnedOpen]);

  const undoable = notice?.undoId && (notice.undoUntil ?? 0) > Date.now() ? notice.undoId : null;

  return (
    <div
      className="badge"
      data-stage={inference.stage}
      data-open={pinnedOpen || undefined}
      onPointerEnter={() => setLooking(true)}
      onPointerLeave={() => setLooking(false)}
      onFocus={() => setLooking(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setLooking(false);
      }}
    >
      <button
        type="button"
        className="pill"
        aria-expanded={pinnedOpen}
        aria-controls={looking || pinnedOpen ? cardId : undefined}
        aria-label={`Switchboard: ${stageWords}${department ? `, ${department}` : ''}. Show why`}
        onClick={() => setPinnedOpen((open) => !open)}
      >
        {/* One text node, the dot drawn by CSS: the badge mounts with as few nodes as it can. */}
        {department ? `${stageWords} · ${department}` : stageWords}
      </button>
      {/* Icons are CSS glyphs (see style.ts): a badge mounts with as few elements as possible. */}
      <button type="button" className="act log" aria-label="Log interaction" title="Log interaction" onClick={() => actions.logInteraction(view)} />
      <button type="button" className="act flag" aria-label="Flag lead" title="Flag lead" onClick={() => actions.flagLead(view)} />
      <button type="button" className="act history" aria-label="Customer history" title="Customer history" onClick={() => actions.openHistory(view)} />
      {(notice || history) && (
        <span className={`status ${notice?.tone === 'error' ? 'error' : ''}`} role="status">
          {notice ? notice.text : history}
          {undoable && (
            <button type="button" className="undo" onClick={() => actions.undo(view, undoable)}>
              Undo
            </button>
          )}
        </span>
      )}
      {(looking || pinnedOpen) && (
        <div className="card" id={cardId} role="group" aria-label="Why Switchboard says so">
          <p className="hint">{inference.personaHint}</p>
          <p className="meta">
            {stageWords}
            {department && ` · ${department}`} · {Math.round(inference.confidence * 100)}% sure
            {post.flags.promoted && ' · promoted'}
            {post.flags.suggested && ' · suggested'}
            {post.repostedBy && ` · reposted by @${post.repostedBy}`}
          </p>
          {inference.signals.length > 0 && (
            <ul className="signals">
              {inference.signals.slice(0, 6).map((signal, index) => (
                <li key={index}>{describeSignal(signal)}</li>
              ))}
            </ul>
          )}
          {history && <p className="meta">History: {history}</p>}
        </div>
      )}
    </div>
  );
}
