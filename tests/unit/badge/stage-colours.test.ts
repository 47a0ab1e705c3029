import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BADGE_CSS } from '../../../components/badge/style';

/** A stage's colour reads the same in the feed and in the side panel, in both themes. */

const SIDE_PANEL_CSS = readFileSync(path.resolve(import.meta.dirname, '../../../components/sidepanel/sidepanel.css'), 'utf8');
const STAGES = { 'pre-purchase': 'pre', purchase: 'purchase', 'post-purchase': 'post' } as const;

function badgeTone(stage: string, dark: boolean): string | undefined {
  const host = dark ? `:host([data-theme="dark"][data-stage="${stage}"])` : `:host([data-stage="${stage}"])`;
  const at = BADGE_CSS.indexOf(`${host} `);
  return at < 0 ? undefined : /--sb-tone:\s*(#[0-9a-f]{6})/i.exec(BADGE_CSS.slice(at))?.[1];
}

function sidePanelColour(name: string, dark: boolean): string | undefined {
  const darkAt = SIDE_PANEL_CSS.indexOf('@media (prefers-color-scheme: dark)');
  const block = dark ? SIDE_PANEL_CSS.slice(darkAt) : SIDE_PANEL_CSS.slice(0, darkAt);
  return new RegExp(`--sb-${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(block)?.[1];
}

describe('stage colours', () => {
  for (const dark of [false, true]) {
    it.each(Object.entries(STAGES))(`are the badge's in the side panel (%s, ${dark ? 'dark' : 'light'})`, (stage, name) => {
      const tone = badgeTone(stage, dark);
      expect(tone).toMatch(/^#/);
      expect(sidePanelColour(name, dark)).toBe(tone);
    });
  }
});
