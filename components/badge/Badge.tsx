import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { BadgeView } from '../../lib/feed/runtime';
import type { Assignment } from '../../lib/model';
import { customerKey, postKey } from '../../lib/model/keys';
import { AssignRow, type AssignTarget } from './AssignRow';
import {
  ACTION_GLYPHS,
  ACTION_NAMES,
  type ActionKind,
  describeHandled,
  describeHistory,
  describeLead,
  describePostStatus,
  describeSignal,
  DEPARTMENT_SHORT,
  pillLabel,
  pillText,
  PRESENCE_FRESH_MS,
  STAGE_SHORT,
} from './labels';
import { useShallow } from 'zustand/react/shallow';
import { useBadgeStore } from './store';

/** What the badge's buttons do; the content script wires them to the background. */
export interface BadgeActions {
  logInteraction(view: BadgeView): void;
  flagLead(view: BadgeView): void;
  openHistory(view: BadgeView): void;
  undo(view: BadgeView, interactionId: string): void;
  /** The assign row (in the card) appears only when these are wired. */
  claim?(view: BadgeView): void;
  done?(view: BadgeView, assignmentId: string): void;
  assign?(view: BadgeView, target: AssignTarget): void;
  /** Ask for the team's members (the assign row lists them from the badge store). */
  loadTeam?(): void;
  /** Tell the team this member is at the post (the card opened). */
  announce?(view: BadgeView, activity: 'viewing' | 'answering'): void;
}

interface BadgeProps {
  view: BadgeView;
  actions: BadgeActions;
  /** The pointer is already over the badge when it mounts (it replaced its shell on hover). */
  pointedAt?: boolean;
}

/**
 * The in-page badge: stage and department in words and colour, the three one-click actions, and
 * a card with the persona hint and the signals on hover or keyboard focus. Post text never
 * reaches the DOM here except as React text.
 */
export function Badge({ view, actions, pointedAt = false }: BadgeProps) {
  const { post, inference } = view;
  const key = customerKey(post.site, post.author);
  const pk = postKey(post.site, post.postId);
  // One subscription per badge (each costs on every mount): the slice this badge shows.
  const { summary, notice, status, statusAt, me } = useBadgeStore(
    useShallow((state) => ({
      summary: state.summaries[key],
      notice: state.notices[pk],
      status: state.statuses[pk],
      statusAt: state.statusAt[pk],
      me: state.me,
    })),
  );
  const [pinnedOpen, setPinnedOpen] = useState(false);
  // The card is built only when someone looks at it: most badges scroll by unread.
  const [looking, setLooking] = useState(pointedAt);
  const [, setTick] = useState(0);
  const summaryLine = describeHistory(summary);
  const handled = describeHandled(summary);
  const lead = describeLead(summary);
  const postLine = describePostStatus(status, me, Date.now(), statusAt);
  const history = postLine && summaryLine ? `${postLine} · ${summaryLine}` : (postLine ?? summaryLine);
  const open = looking || pinnedOpen;

  // A teammate's presence fades after a minute even when nothing else changes.
  const presenceShown = !!status && status.presence.length > 0 && statusAt !== undefined;
  useEffect(() => {
    if (!presenceShown || statusAt === undefined) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, statusAt + PRESENCE_FRESH_MS - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [presenceShown, statusAt]);

  // An action done closes the card: what it says was read, and the next post's badge is below it.
  const acted = (run: () => void) => {
    setLooking(false);
    setPinnedOpen(false);
    run();
  };

  const undoable = notice?.undoId && (notice.undoUntil ?? 0) > Date.now() ? notice.undoId : null;

  // What a click just did (its Undo, or the error) must be read, but in a crowded header the line
  // gives way to the site's name down to nothing. Then, while the notice is fresh, it floats under
  // the badge, out of the header's flow; afterwards it goes back to the line (the side panel keeps it).
  const statusRef = useRef<HTMLSpanElement>(null);
  const [floating, setFloating] = useState(false);
  const fresh = !!notice?.fresh;
  useLayoutEffect(() => {
    setFloating((was) => fresh && (was || cutShort(statusRef.current)));
  }, [fresh, notice]);
  // Floating leftwards from the badge's end, a long notice (an error) could start off the window's
  // edge in a narrow window: slide it back in (measured before it is painted).
  const [nudge, setNudge] = useState(0);
  const floats = floating && !open;
  useLayoutEffect(() => {
    setNudge((current) => (floats ? windowNudge(statusRef.current, current) : 0));
  }, [floats, notice]);

  return (
    <div
      className="badge"
      data-open={pinnedOpen || undefined}
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
        aria-controls={open ? cardIdOf(pk) : undefined}
        aria-label={pillLabel(inference.stage, inference.department)}
        // The pill, not the whole badge, opens the card on hover: a rep going from one post's
        // buttons to the next post's must not find this card lying over them.
        onPointerEnter={() => setLooking(true)}
        onClick={() => setPinnedOpen((open) => !open)}
      >
        {/* One text node, the dot drawn by CSS: the badge mounts with as few nodes as it can. */}
        {pillText(inference.stage, inference.department)}
      </button>
      {/* A marked button says what the line says where a crowded header leaves it no room. */}
      <Action kind="log" mark={handled} onClick={() => acted(() => actions.logInteraction(view))} />
      <Action kind="flag" mark={lead} onClick={() => acted(() => actions.flagLead(view))} />
      <Action kind="history" mark={postLine} onClick={() => acted(() => actions.openHistory(view))} />
      {(notice || history) && (
        <span
          ref={statusRef}
          className={`status ${notice?.tone === 'error' ? 'error' : ''}`}
          role="status"
          title={notice ? notice.text : (history ?? undefined)}
          data-float={floats || undefined}
          style={nudge ? { transform: `translateX(${nudge}px)` } : undefined}
        >
          <span className="line">{notice ? notice.text : history}</span>
          {undoable && (
            <button type="button" className="undo" onClick={() => actions.undo(view, undoable)}>
              Undo
            </button>
          )}
        </span>
      )}
      {open && (
        <Card
          id={cardIdOf(pk)}
          view={view}
          actions={actions}
          summaryLine={summaryLine}
          assignment={status?.assignment ?? null}
          me={me}
          close={() => setPinnedOpen(false)}
        />
      )}
    </div>
  );
}

interface ActionProps {
  kind: ActionKind;
  /** What the button's mark stands for, in words: the customer answered, a lead open, the post
   * someone's or a teammate at it; null leaves it unmarked. */
  mark: string | null;
  onClick(): void;
}

/**
 * One of the three one-click actions. Its icon is a text glyph (no element or generated box of its
 * own to style per badge); its mark's words are in its title, the button's description.
 */
function Action({ kind, mark, onClick }: ActionProps) {
  const name = ACTION_NAMES[kind];
  return (
    <button type="button" className={`act ${kind}`} aria-label={name} title={mark ? `${name} (${mark})` : name} data-marked={mark ? '' : undefined} onClick={onClick}>
      {ACTION_GLYPHS[kind]}
    </button>
  );
}

/**
 * Whether the status shows less than its whole text: the Undo clipped off its end, or its line
 * (clamped to one line, breaking anywhere) wrapped for want of width.
 */
function cutShort(status: HTMLElement | null): boolean {
  if (!status) return false;
  const line = status.querySelector<HTMLElement>('.line');
  return status.scrollWidth > status.clientWidth + 1 || (!!line && line.scrollHeight > line.clientHeight + 1);
}

/** Room kept between a floating notice and the window's edge, in px. */
const WINDOW_MARGIN = 4;

/**
 * How far to slide a floating notice (now slid by `current` px) so that all of it is inside the
 * window: rightwards when it starts before the left edge, leftwards when it ends past the right.
 */
function windowNudge(status: HTMLElement | null, current: number): number {
  const win = status?.ownerDocument.defaultView;
  if (!status || !win) return 0;
  const rect = status.getBoundingClientRect();
  const left = rect.left - current;
  const right = rect.right - current;
  if (left < WINDOW_MARGIN) return Math.round(WINDOW_MARGIN - left);
  if (right > win.innerWidth - WINDOW_MARGIN) return Math.round(Math.max(WINDOW_MARGIN - left, win.innerWidth - WINDOW_MARGIN - right));
  return 0;
}

/** The card's id, for the pill's aria-controls (one card per post in its own shadow root). */
function cardIdOf(postKeyValue: string): string {
  return `card-${postKeyValue.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

interface CardProps {
  id: string;
  view: BadgeView;
  actions: BadgeActions;
  summaryLine: string | null;
  assignment: Assignment | null;
  me: string | null;
  close(): void;
}

/**
 * Why Switchboard says so, and the assign row: a component of its own, mounted only while someone
 * looks, so its hooks cost nothing for the badges that scroll by unread.
 */
function Card({ id, view, actions, summaryLine, assignment, me, close }: CardProps) {
  const { post, inference } = view;
  const stageWords = STAGE_SHORT[inference.stage];
  const department = DEPARTMENT_SHORT[inference.department];
  const pk = postKey(post.site, post.postId);

  // A badge near the right edge of the window opens its card leftwards, so none of it is cut off
  // (measured once, before the card is painted).
  const cardRef = useRef<HTMLDivElement>(null);
  const [alignEnd, setAlignEnd] = useState(false);
  useLayoutEffect(() => {
    const card = cardRef.current;
    const win = card?.ownerDocument.defaultView;
    if (card && win && card.getBoundingClientRect().right > win.innerWidth) setAlignEnd(true);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  // Opening the card tells the team "<me> is on it" (the actions keep it to one message a while).
  const announce = actions.announce;
  useEffect(() => {
    if (announce) announce(view, 'viewing');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening, not per view object
  }, [announce, pk]);

  return (
    <div ref={cardRef} className="card" id={id} role="group" aria-label="Why Switchboard says so" data-align={alignEnd ? 'end' : undefined}>
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
      {summaryLine && <p className="meta">History: {summaryLine}</p>}
      {actions.claim && <AssignRow view={view} actions={actions} assignment={assignment} me={me} />}
    </div>
  );
}
