import type { Inference } from '../../lib/model/inference';
import { ACTION_GLYPHS, ACTION_NAMES, pillLabel, pillText, type ActionKind } from './labels';

/**
 * The badge's first paint in plain DOM: exactly the markup `<Badge>` renders for a badge that
 * nobody has looked at and that has no line to show. Most badges scroll by unread, and a
 * framework root per badge costs about 0.1 ms of the site's main thread; mount.tsx swaps this
 * shell for the component the moment someone points at it, focuses it or clicks it, or when its
 * post gets something to say. A test keeps the two renderings identical.
 */
export function paintShell(root: ShadowRoot, inference: Inference): void {
  const doc = root.ownerDocument;
  let byLook = templates.get(doc);
  if (!byLook) templates.set(doc, (byLook = new Map()));
  const look = `${inference.stage}\u0000${inference.department}`;
  // A recycled post with the same look keeps its shell: no nodes to restyle in the next frame.
  if (painted.get(root) === look) return;
  let template = byLook.get(look);
  if (!template) byLook.set(look, (template = buildShell(doc, inference)));
  clearShell(root);
  painted.set(root, look);
  // A deep clone of a ready subtree is a single call, far cheaper than building it again.
  root.append(template.cloneNode(true));
}

/**
 * Take the shell's nodes out of the shadow root, and leave its `<style>` (mount.tsx adds one
 * where a shared sheet cannot be adopted).
 */
export function clearShell(root: ShadowRoot): void {
  painted.delete(root);
  for (const node of [...root.childNodes]) if ((node as Element).localName !== 'style') node.remove();
}

/** One ready shell per stage and department (at most 20 per page), cloned for each badge. */
const templates = new WeakMap<Document, Map<string, DocumentFragment>>();
/** The look each shadow root's shell was painted with. */
const painted = new WeakMap<ShadowRoot, string>();

/**
 * The pill and the three buttons, straight in the shadow root: no wrapper, since every element
 * is one more to style and lay out per badge (two wrappers measured a quarter of the badge's
 * style and layout time). Their colours come from the host's attributes (style.ts).
 */
function buildShell(doc: Document, inference: Inference): DocumentFragment {
  const shell = doc.createDocumentFragment();
  const pill = button(doc, 'pill');
  pill.setAttribute('aria-expanded', 'false');
  pill.setAttribute('aria-label', pillLabel(inference.stage, inference.department));
  // textContent: the words come from fixed tables, and are set as text all the same.
  pill.textContent = pillText(inference.stage, inference.department);
  shell.append(pill, action(doc, 'log'), action(doc, 'flag'), action(doc, 'history'));
  return shell;
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
