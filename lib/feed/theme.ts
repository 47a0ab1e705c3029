export type Theme = 'light' | 'dark';

/**
 * Light or dark, as the site paints itself (X, Facebook and Instagram have their own theme
 * settings, independent of the system's): the luminance of the page background.
 */
export function detectTheme(win: Window): Theme {
  const doc = win.document;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const rgb = parseRgb(win.getComputedStyle(el).backgroundColor);
    if (rgb && rgb.alpha > 0) return luminance(rgb) < 0.4 ? 'dark' : 'light';
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function parseRgb(value: string): { r: number; g: number; b: number; alpha: number } | null {
  const match = /rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)(?:[\s,/]+([\d.]+))?\s*\)/.exec(value);
  if (!match) return null;
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), alpha: match[4] === undefined ? 1 : Number(match[4]) };
}

function luminance({ r, g, b }: { r: number; g: number; b: number }): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/**
 * Tell `onChange` when the site turns light or dark while the page is open: X writes the body's
 * background in its style attribute (as the saved X pages show), a site may switch a class or
 * style on the root, or the system's scheme changes. Read once per frame at most, and only after
 * such a change: the root's and body's own attributes, not the page's every mutation. Returns the
 * theme now.
 */
export function watchTheme(
  win: Window,
  lifetime: { signal: AbortSignal; requestAnimationFrame(callback: () => void): void },
  onChange: (theme: Theme) => void,
): Theme {
  let current = detectTheme(win);
  let pending = false;
  const check = () => {
    pending = false;
    const next = detectTheme(win);
    if (next === current) return;
    current = next;
    onChange(next);
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    lifetime.requestAnimationFrame(check);
  };
  const observer = new MutationObserver(schedule);
  for (const el of [win.document.documentElement, win.document.body]) {
    if (el) observer.observe(el, { attributes: true, attributeFilter: ['style', 'class'] });
  }
  const scheme = win.matchMedia?.('(prefers-color-scheme: dark)');
  scheme?.addEventListener?.('change', schedule);
  lifetime.signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      scheme?.removeEventListener?.('change', schedule);
    },
    { once: true },
  );
  return current;
}
