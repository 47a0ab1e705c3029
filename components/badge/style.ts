/**
 * The badge's styles, inside its shadow root so the site's CSS and ours never meet. The host is
 * an inline box no taller than a line of text, so inserting it never pushes the post's layout;
 * the card floats above the page and takes no space.
 */
export const BADGE_CSS = `
:host { all: initial; display: inline-flex; vertical-align: middle; position: relative; z-index: 1;
  font: 500 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin-inline-start: 6px;
  max-height: 18px; contain: layout style;
  /* In a flex header (X's), the badge shrinks before the site's own items do, down to the pill's
     dot and the three buttons (24 + 3 × 18 px, the gaps and the line's margin: 90 px): its line,
     then the pill's words give way first, so a long name keeps its room. */
  flex-shrink: 1000000; min-width: 90px; align-items: center; gap: 2px;
  /* The colours are set on the host, where the shell's buttons (shell.ts: no wrapper elements, each
     one more to style per badge) and the component's both inherit them. Prefixed: the page's own
     rules reach the host and win over these, so a site's --fg must not become ours. */
  --sb-fg: #0f1419; --sb-muted: #536471; --sb-bg: #ffffff; --sb-line: #cfd9de; --sb-card: #ffffff;
  white-space: nowrap; color: var(--sb-fg); }
:host([hidden]) { display: none; }
/* The open card must float above the next posts' badges, which share the page's stacking. */
:host(:hover), :host(:focus-within) { z-index: 2147483000; }
:host([data-theme="dark"]) { --sb-fg: #e7e9ea; --sb-muted: #8b98a5; --sb-bg: #16181c; --sb-line: #38444d; --sb-card: #1e2328; }
/* The stage's colour follows the host's contract attribute, which always describes the post shown.
   Set on the pill and a marked button only, the elements that paint it: when a recycled element
   shows a post of another stage, they alone are restyled, not the host and every button. */
:host([data-stage="pre-purchase"]) :is(.pill, .act[data-marked]) { --sb-tone: #1d6fd8; --sb-tint: #e5f0fd; }
:host([data-stage="purchase"]) :is(.pill, .act[data-marked]) { --sb-tone: #0e7a37; --sb-tint: #e3f6e9; }
:host([data-stage="post-purchase"]) :is(.pill, .act[data-marked]) { --sb-tone: #b4530a; --sb-tint: #fdf0e1; }
:host([data-stage="none"]) :is(.pill, .act[data-marked]) { --sb-tone: #8b98a5; --sb-tint: transparent; }
:host([data-theme="dark"][data-stage="pre-purchase"]) :is(.pill, .act[data-marked]) { --sb-tone: #6aa8f7; --sb-tint: #10263f; }
:host([data-theme="dark"][data-stage="purchase"]) :is(.pill, .act[data-marked]) { --sb-tone: #5fd48a; --sb-tint: #0f2d1b; }
:host([data-theme="dark"][data-stage="post-purchase"]) :is(.pill, .act[data-marked]) { --sb-tone: #f5a25d; --sb-tint: #35210d; }
/* The component's wrappers generate no box: the pill and buttons stay the host's own flex items. */
.root, .badge { display: contents; }
button { font: inherit; color: inherit; cursor: pointer; margin: 0; }
button:focus-visible { outline: 2px solid var(--sb-tone, #1d6fd8); outline-offset: 1px; }
/* The dot is painted (a gradient on the pill), not a box: one element and one text box a pill. */
.pill { display: inline-block; height: 18px; padding: 0 6px 0 16px; border-radius: 9px; line-height: 16px;
  flex: 0 1 auto; min-width: 24px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  border: 1px solid var(--sb-tone); background: radial-gradient(circle at 9px 50%, var(--sb-tone) 3px, transparent 3.5px) var(--sb-tint); color: var(--sb-fg); }
:host([data-stage="none"]) .pill { border-style: dashed; color: var(--sb-muted); }
/* inline-block, not grid: a grid per button measured ~0.1 ms more style and layout per badge (npm run bench). */
.act { display: inline-block; text-align: center; width: 18px; height: 18px; padding: 0; border-radius: 50%; font-size: 11px; line-height: 16px;
  border: 1px solid transparent; background: transparent; color: var(--sb-muted); }
.act:hover, .act:focus-visible { border-color: var(--sb-line); color: var(--sb-fg); background: var(--sb-bg); }
:host([data-stage="none"]) .act { opacity: .6; }
/* Answered, a lead open, the post taken: the glyph in the stage's colour, ringed, whatever the stage. */
.act[data-marked], :host([data-stage="none"]) .act[data-marked] { opacity: 1; color: var(--sb-tone); border-color: var(--sb-tone); background: var(--sb-tint); }
/* The line (and its Undo) gives way before the pill's words, down to nothing. Shrinking is shared
   in proportion, so its factor is a million: with a thousand, the pill's share of a line squeezed by
   90 px was a fraction of a pixel, enough for an ellipsis ("Purchase · Sal…"). */
.status { display: inline-flex; flex: 0 1000000 auto; align-items: center; min-width: 0; overflow: hidden; color: var(--sb-muted); margin-inline-start: 4px; max-width: 40ch; }
/* The line sits in the post's header, where the site's name and date come first: it gives way
   before they do (the host shrinks first, see :host), down to an ellipsis and then nothing, its
   whole text being its title. Where the header has room it shows up to 40 characters ("Handled by sam
   · 10:42 · 3 interactions" and the lead after). Clamped to one line rather than nowrap, so that its narrowest size is one
   letter, not the whole text: a nowrap line would hold the status at its full width. */
.line { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 1; overflow: hidden; word-break: break-all; white-space: normal; min-width: 0; }
/* A fresh notice with no room in the header floats under the badge (Badge.tsx), its whole text on one line. */
.status[data-float] { position: absolute; top: calc(100% + 4px); inset-inline-end: 0; max-width: 80vw; margin: 0;
  padding: 2px 8px; border: 1px solid var(--sb-line); border-radius: 8px; background: var(--sb-card); box-shadow: 0 2px 8px rgba(0,0,0,.15); }
.status[data-float] .line { display: block; white-space: nowrap; word-break: normal; }
.act, .undo { flex: none; }
.status.error { color: #c4232b; }
:host([data-theme="dark"]) .status.error { color: #ff7b80; }
.undo { border: 0; background: none; padding: 0 0 0 4px; text-decoration: underline; color: var(--sb-fg); }
.card { display: block; position: absolute; top: calc(100% + 4px); inset-inline-start: 0; width: 280px; max-width: 80vw;
  padding: 8px 10px; border: 1px solid var(--sb-line); border-radius: 8px; background: var(--sb-card); color: var(--sb-fg);
  box-shadow: 0 4px 16px rgba(0,0,0,.18); white-space: normal; z-index: 2147483000; font-weight: 400; }
.card[data-align="end"] { inset-inline-start: auto; inset-inline-end: 0; }
.hint { margin: 0 0 4px; font-weight: 600; }
.meta { margin: 0; color: var(--sb-muted); }
.signals { margin: 4px 0 0; padding-inline-start: 16px; color: var(--sb-fg); overflow-wrap: anywhere; }
@media (prefers-reduced-motion: no-preference) { .act { transition: background-color .1s; } }
`;
