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
  const look = `${inference.stage}\u0000${inference.department}`;
  // A recycled post with the same look keeps its shell as it is: nothing to restyle or lay out.
  if (painted.get(root) === look) return;
  painted.set(root, look);
  let pill = pills.get(root);
  if (!pill) {
    // A deep clone of a ready subtree is a single call, far cheaper than building it again.
    const shell = templateFor(root.ownerDocument).cloneNode(true) as DocumentFragment;
    pill = shell.firstElementChild as HTMLButtonElement;
    pills.set(root, pill);
    root.append(shell);
  }
  // Another look changes the pill's words only: the colours follow the host's data-stage
  // (style.ts), so a recycled badge keeps its nodes and a new one is one template for all.
  pill.setAttribute('aria-label', pillLabel(inference.stage, inference.department));
  (pill.firstChild as Text).data = pillText(inference.stage, inference.department);
}

/**
 * Take the shell's nodes out of the shadow root, and leave its `<style>` (mount.tsx adds one
 * where a shared sheet cannot be adopted).
 */
export function clearShell(root: ShadowRoot): void {
  painted.delete(root);
  pills.delete(root);
  for (const node of [...root.childNodes]) if ((node as Element).localName !== 'style') node.remove();
}

/** One ready shell per page, cloned for each badge. */
const templates = new WeakMap<Document, DocumentFragment>();
/** The look each shadow root's shell was painted with, and its pill. */
const painted = new WeakMap<ShadowRoot, string>();
const pills = new WeakMap<ShadowRoot, HTMLButtonElement>();

function templateFor(doc: Document): DocumentFragment {
  let template = templates.get(doc);
  if (!template) templates.set(doc, (template = buildShell(doc)));
  return template;
}

/**
 * The pill (its words written per post, in a text node of its own) and the three buttons,
 * straight in the shadow root: no wrapper, since every element is one more to style and lay out
 * per badge (two wrappers measured a quarter of the badge's style and layout time).
 */
function buildShell(doc: Document): DocumentFragment {
  const shell = doc.createDocumentFragment();
  const pill = button(doc, 'pill');
  pill.setAttribute('aria-expanded', 'false');
  // The words come from fixed tables, and are set as text all the same.
  pill.append(doc.createTextNode(''));
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
