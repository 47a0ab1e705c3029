import { createRoot } from 'react-dom/client';
import type { BadgeHandle, BadgeView } from '../../lib/feed/runtime';
import { Badge, type BadgeActions, type Theme } from './Badge';
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

function writeContractAttributes(host: HTMLElement, view: BadgeView) {
  host.setAttribute('data-site', view.post.site);
  host.setAttribute('data-post-id', view.post.postId);
  host.setAttribute('data-author', view.post.author);
  host.setAttribute('data-stage', view.inference.stage);
  host.setAttribute('data-department', view.inference.department);
  host.setAttribute('data-confidence', view.inference.confidence.toFixed(2));
}

/**
 * Create one badge: a `switchboard-badge` element with an open shadow root holding a React root.
 * The contract attributes are written synchronously on every update, so they never describe a
 * post the element no longer shows.
 */
export function mountBadge(doc: Document, view: BadgeView, actions: BadgeActions, theme: Theme): BadgeHandle {
  const host = doc.createElement(BADGE_TAG);
  host.setAttribute('data-theme', theme);
  writeContractAttributes(host, view);
  for (const type of CONTAINED_EVENTS) host.addEventListener(type, stopAtHost);
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(doc, shadow);
  const container = doc.createElement('span');
  shadow.append(container);
  const root = createRoot(container);
  root.render(<Badge key={view.post.postId} view={view} actions={actions} />);
  let mounted = true;

  return {
    host,
    update(next) {
      if (!mounted) return;
      writeContractAttributes(host, next);
      root.render(<Badge key={next.post.postId} view={next} actions={actions} />);
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      root.unmount();
    },
  };
}
