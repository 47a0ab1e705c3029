import type { Inference } from '../../lib/model/inference';
import { ACTION_GLYPHS, ACTION_NAMES, pillLabel, pillText, type ActionKind } from './labels';

/**
 * The badge's first paint in plain DOM: exactly the markup `<Badge>` renders for a badge that
 * nobody has looked at and that has no line to show. Most badges scroll by unread, and a
 * framework root per badge costs about 0.1 ms of the site's main thread; mount.tsx swaps this
 * shell for the component the moment someone points at it, focuses it or clicks it, or when its
 * post gets something to say. A test keeps the two renderings identical.
 */
export function paintShell(container: Element, inference: Inference): void {
  const doc = container.ownerDocument;
  let byLook = templates.get(doc);
  if (!byLook) templates.set(doc, (byLook = new Map()));
  const look = `${inference.stage}\u0000${inference.department}`;
  // A recycled post with the same look keeps its shell: no nodes to restyle in the next frame.
  if (painted.get(container) === look) return;
  painted.set(container, look);
  let template = byLook.get(look);
  if (!template) byLook.set(look, (template = buildShell(doc, inference)));
  // A deep clone of a ready subtree is a single call, far cheaper than building it again.
  container.replaceChildren(template.cloneNode(true));
}

/** One ready shell per stage and department (at most 20 per page), cloned for each badge. */
const templates = new WeakMap<Document, Map<string, Element>>();
/** The look each container's shell was painted with. */
const painted = new WeakMap<Element, string>();

function buildShell(doc: Document, inference: Inference): Element {
  const badge = doc.createElement('div');
  badge.className = 'badge';
  badge.setAttribute('data-stage', inference.stage);
  const pill = button(doc, 'pill');
  pill.setAttribute('aria-expanded', 'false');
  pill.setAttribute('aria-label', pillLabel(inference.stage, inference.department));
  // textContent: the words come from fixed tables, and are set as text all the same.
  pill.textContent = pillText(inference.stage, inference.department);
  badge.append(
    pill,
    action(doc, 'log'),
    action(doc, 'flag'),
    action(doc, 'history'),
  );
  return badge;
}

function button(doc: Document, className: string): HTMLButtonElement {
  const el = doc.createElement('button');
  el.type = 'button';
  el.className = className;
  return el;
}

function action(doc: Document, kind: ActionKind): HTMLButtonElement {
  const el = button(doc, `act ${kind}`);
  el.setAttribute('aria-label', ACTION_NAMES[kind]);
  el.title = ACTION_NAMES[kind];
  el.textContent = ACTION_GLYPHS[kind];
  return el;
}

/**
 * A selector for the element of the shell that `target` is, to find its twin in the component
 * that replaces it (to move focus, or replay a click made before the swap).
 */
export function twinSelector(target: EventTarget | null): string | null {
  const el = target as Element | null;
  if (!el || el.localName !== 'button' || !el.className) return null;
  return `button.${el.className.trim().split(/\s+/).join('.')}`;
}
