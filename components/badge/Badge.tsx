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
    <div className="badge" data-stage={inference.stage} data-open={pinnedOpen || undefined}>
      <button
        type="button"
        className="pill"
        aria-expanded={pinnedOpen}
        aria-controls={cardId}
        aria-label={`Switchboard: ${stageWords}${department ? `, ${department}` : ''}. Show why`}
        onClick={() => setPinnedOpen((open) => !open)}
      >
        <span className="dot" aria-hidden="true" />
        <span className="stage">{stageWords}</span>
        {department && <span className="dept">{department}</span>}
      </button>
      <button type="button" className="act" aria-label="Log interaction" title="Log interaction" onClick={() => actions.logInteraction(view)}>
        <Icon path="M3 8.5l3 3 7-7" />
      </button>
      <button type="button" className="act" aria-label="Flag lead" title="Flag lead" onClick={() => actions.flagLead(view)}>
        <Icon path="M4 14V2.5h7l-1.5 3 1.5 3H4" />
      </button>
      <button type="button" className="act" aria-label="Customer history" title="Customer history" onClick={() => actions.openHistory(view)}>
        <Icon path="M8 3.5V8l3 2M14 8A6 6 0 1 1 2 8a6 6 0 0 1 12 0" />
      </button>
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
    </div>
  );
}

function Icon({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
