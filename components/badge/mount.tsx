import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { BadgeHandle, BadgeView } from '../../lib/feed/runtime';
import { customerKey, postKey } from '../../lib/model/keys';
import type { Theme } from '../../lib/feed/theme';
import { Badge, type BadgeActions } from './Badge';
import { clearShell, paintShell, twinSelector } from './shell';
import { hasBadgeLine, useBadgeStore, type BadgeState } from './store';
import { BADGE_CSS } from './style';

/** The element name acceptance tests and people look for (CONTRACT section 2). */
export const BADGE_TAG = 'switchboard-badge';

/**
 * Events that must not reach the site: X opens the post on a click anywhere in it, and its
 * keyboard shortcuts (l to like, r to reply) would act on keys typed in the badge.
 */
const CONTAINED_EVENTS = ['click', 'auxclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown'] as const;

function stopAtHost(event: Event) {
  event.stopPropagation();
}

const sharedSheets = new WeakMap<Document, CSSStyleSheet>();

/**
 * One constructed stylesheet shared by every badge of the page (parsed once); a `<style>` per
 * badge where constructed sheets are not available.
 */
function adoptStyles(doc: Document, shadow: ShadowRoot) {
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    try {
      let sheet = sharedSheets.get(doc);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(BADGE_CSS);
        sharedSheets.set(doc, sheet);
      }
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox content scripts cannot adopt sheets across compartments: fall back below.
    }
  }
  const style = doc.createElement('style');
  style.textContent = BADGE_CSS;
  shadow.append(style);
}

/**
 * The contract's attributes for the post the badge shows now. A recycled element's badge writes
 * only those that differ from the post it showed (`was`): each write is work for the page.
 */
function writeContractAttributes(host: HTMLElement, view: BadgeView, was?: BadgeView) {
  const write = (name: string, value: string, old: string | undefined) => {
    if (value !== old) host.setAttribute(name, value);
  };
  write('data-site', view.post.site, was?.post.site);
  write('data-post-id', view.post.postId, was?.post.postId);
  write('data-author', view.post.author, was?.post.author);
  write('data-stage', view.inference.stage, was?.inference.stage);
  write('data-department', view.inference.department, was?.inference.department);
  write('data-confidence', view.inference.confidence.toFixed(2), was?.inference.confidence.toFixed(2));
}

function keysOf({ post }: BadgeView) {
  return { customer: customerKey(post.site, post.author), post: postKey(post.site, post.postId) };
}

/** A badge still drawn as a shell: what swaps it for the component. */
interface Shell {
  /** `pointed`: the pointer is over its pill already, so the component starts with the card open. */
  upgrade(pointed: boolean): void;
  checkNews(state: BadgeState): void;
}

/** Shells by their host element: the page-level listeners below find them from an event. */
const shellOf = new WeakMap<Element, Shell>();
const liveShells = new Set<Shell>();
const engagedDocuments = new WeakSet<Document>();
let watchingStore = false;

/** The event's host badge, when the event comes from one still drawn as a shell. */
function shellFor(event: Event): Shell | undefined {
  const target = event.target as Element | null;
  return target?.localName === BADGE_TAG ? shellOf.get(target) : undefined;
}

/**
 * Three listeners per page instead of ten per badge: the pointer coming over a shell, focus
 * entering it, and a click on it (a script's click(), or a tap) each swap it for the component.
 * Capture on the document, so no handler of the site can hide them. A shell needs no click
 * containment of its own: pointer and mouse presses follow the pointer coming over, keys follow
 * focus, and a click on a shell is stopped here and replayed on its twin in the component.
 */
function engage(doc: Document) {
  if (engagedDocuments.has(doc)) return;
  engagedDocuments.add(doc);
  // Over the pill the component starts with its card open (it opens on the pill's hover).
  doc.addEventListener('pointerover', (event) => shellFor(event)?.upgrade(overPill(event)), true);
  doc.addEventListener('focusin', (event) => shellFor(event)?.upgrade(false), true);
  doc.addEventListener(
    'click',
    (event) => {
      const shell = shellFor(event);
      if (!shell) return;
      const twin = twinSelector(event.composedPath()[0] ?? null);
      const host = event.target as Element;
      event.stopImmediatePropagation();
      shell.upgrade(false);
      if (twin) host.shadowRoot?.querySelector<HTMLElement>(twin)?.click();
    },
    true,
  );
}

function overPill(event: Event): boolean {
  const target = event.composedPath()[0] as Element | undefined;
  return target?.localName === 'button' && target.classList.contains('pill');
}

/** One store subscription for the page: a shell becomes the component when its post has news. */
function watchStore() {
  if (watchingStore) return;
  watchingStore = true;
  useBadgeStore.subscribe((state) => {
    for (const shell of [...liveShells]) shell.checkNews(state);
  });
}

/**
 * Create one badge: a `switchboard-badge` element with an open shadow root. It starts as a plain
 * DOM shell (shell.ts) and becomes a React root when someone points at it, focuses or clicks
 * it, or its post has a line to show; a badge that scrolls by unread never pays for the root.
 * The contract attributes are written synchronously on every update, so they never describe a
 * post the element no longer shows.
 */
export function mountBadge(doc: Document, view: BadgeView, actions: BadgeActions, theme: Theme): BadgeHandle {
  const host = doc.createElement(BADGE_TAG);
  host.setAttribute('data-theme', theme);
  writeContractAttributes(host, view);
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(doc, shadow);

  let current = view;
  let keys = keysOf(view);
  let root: Root | null = null;
  let mounted = true;
  let pointedAt = false;

  const render = () => root?.render(<Badge key={current.post.postId} view={current} actions={actions} pointedAt={pointedAt} />);

  const shell: Shell = {
    upgrade(pointed) {
      if (root || !mounted) return;
      forgetShell();
      for (const type of CONTAINED_EVENTS) host.addEventListener(type, stopAtHost);
      const focused = twinSelector(shadow.activeElement);
      clearShell(shadow);
      // A box-less wrapper (style.ts) for the component's root: React owns all of its container.
      const container = doc.createElement('span');
      container.className = 'root';
      shadow.append(container);
      root = createRoot(container);
      pointedAt = pointed;
      flushSync(render);
      // Only the first render starts hovered; a recycled post's badge starts closed.
      pointedAt = false;
      if (focused) shadow.querySelector<HTMLElement>(focused)?.focus();
    },
    checkNews(state) {
      if (hasBadgeLine(state, keys.customer, keys.post)) shell.upgrade(false);
    },
  };

  function forgetShell() {
    shellOf.delete(host);
    liveShells.delete(shell);
  }

  paintShell(shadow, view.inference);
  shellOf.set(host, shell);
  liveShells.add(shell);
  engage(doc);
  watchStore();
  shell.checkNews(useBadgeStore.getState());

  return {
    host,
    update(next) {
      if (!mounted) return;
      writeContractAttributes(host, next, current);
      current = next;
      keys = keysOf(next);
      if (root) render();
      else {
        paintShell(shadow, next.inference);
        shell.checkNews(useBadgeStore.getState());
      }
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      forgetShell();
      root?.unmount();
    },
  };
}
