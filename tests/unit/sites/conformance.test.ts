// @vitest-environment jsdom
/**
 * The adapters against real page captures in ../shared/fixtures (see its SOURCES.md). Those files
 * are not ours and are not in this repository; when the folder is absent this suite is skipped.
 * Every expectation below was checked by hand against the capture's HTML: the status link around
 * each post's own <time>, the User-Name links, the socialContext links, the tweetText blocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../lib/sites';
import type { Site } from '../../../lib/model/ids';
import { loadHtml, readAll, summary } from './fixtures';

const SHARED = path.resolve(__dirname, '../../../../shared/fixtures');
const present = fs.existsSync(SHARED);
if (!present) {
  console.info(`[conformance] skipped: no shared page captures at ${SHARED} (they live outside the repository).`);
}

/** Files in the folder that are notes, not pages. */
const DOCUMENTATION = new Set(['SOURCES.md']);

interface Expectation {
  site: Site;
  /** The page the capture was saved from. */
  pageUrl: string;
  /** One row per post, in page order: `<id> <author> <flags|->[ by <reposter>]` (see summary()). */
  posts: (string | RegExp)[];
  /** Further checks on the read posts. */
  check?: (refs: ReturnType<typeof readAll>) => void;
}

const EXPECTED: Record<string, Expectation> = {
  // 20 article[data-testid=tweet] in 21 cells (one cell is not a post). 8 reposts, each a
  // socialContext inside a link to the reposter; 9 quotes (a second User-Name inside a
  // div[role=link]); 3 posts with no tweetText of their own. No pinned post (a home timeline has
  // none) and no promoted post: the one placementTracking is the sidebar's "Live on X" module.
  'x/home-timeline.html': {
    site: 'x',
    pageUrl: 'https://x.com/home',
    posts: [
      '1991602883645829145 will__price quote+repost by paikcapital',
      '1769469976489099654 kevinafischer repost by repligate',
      '1991475453887217692 hasufl quote',
      '1991586882858172684 cmsholdings -',
      '1991607597108195581 hasufl -',
      '1991607454917144922 repligate quote',
      '1991606928280318423 cryptolyxe mediaOnly+quote',
      '1991606789301776835 nic__carter mediaOnly',
      '1991606635463364872 vibhu quote',
      '1991569962109132848 solarapparition repost by repligate',
      '1991606465300426936 ericjang11 quote',
      '1991562419542557009 gioscotti_ mediaOnly+repost by thinkingusd',
      '1991604521647432094 aeyakovenko quote',
      '1991600690448224406 mlunghi2000 quote+repost by paikcapital',
      '1991590286544499038 chillhousesol repost by thinkingusd',
      '1991603284034118034 beffjezos quote',
      '1991602275589173447 itszach repost by vibhu',
      '1991594727851061492 gallabytes repost by latentmoss',
      '1991602648081133744 solidintel_x -',
      '1991602309667885293 thinkingusd -',
    ],
    check: (refs) => {
      // The first post reposts a quote: its own text, not the quoted tweet's.
      expect(refs[0]!.text).toBe('hearooors undefeated, GTE chain confirmed');
      expect(refs[0]!.postedAt).toBe('2025-11-20T20:21:44.000Z');
      // A text made only of emoji images.
      expect(refs[12]!.text).toBe('🔥🔥🔥');
      expect(refs[12]!.authorName).toBe('toly 🇺🇸');
    },
  },
  // One post quoting another: two User-Name, two tweetText, two time; only the outer is a post.
  'x/quote-tweet-cell.html': {
    site: 'x',
    pageUrl: 'https://x.com/home',
    posts: ['1983130065320780162 testquoter quote'],
    check: (refs) => {
      expect(refs[0]!.text).toBe('This is a quote tweet with additional commentary');
      expect(refs[0]!.postedAt).toBe('2025-10-28T11:13:47.000Z');
    },
  },
  // The same with a quoted video; its player sits in a placementTracking, which is not an ad.
  'x/quote-video-tweet-cell.html': {
    site: 'x',
    pageUrl: 'https://x.com/home',
    posts: ['1983128852952998358 quotinguser quote'],
    check: (refs) => expect(refs[0]!.text).toBe('How to share Example.com links'),
  },
  // A long-form Article on its status page: no tweetText, time at the bottom.
  'x/long-form-article.html': {
    site: 'x',
    pageUrl: 'https://x.com/arscontexta/status/2013045749580259680',
    posts: ['2013045749580259680 arscontexta article'],
    check: (refs) => {
      expect(refs[0]!.text.startsWith('obsidian + claude code 101\n')).toBe(true);
      expect(refs[0]!.authorName).toBe('Heinrich');
    },
  },
  // One sponsored story (2020 layout): author in h4 a (/news.com.au/), "Sponsored" as an
  // aria-label on a link whose letters are scrambled, no story id anywhere (the only /stories/
  // link is the page's stories ring), so the id is a hash.
  'facebook/sponsored-feed-unit-2020.html': {
    site: 'facebook',
    pageUrl: 'https://www.facebook.com/',
    posts: [/^h:[0-9a-z]{14} news\.com\.au promoted$/],
    check: (refs) => {
      expect(refs[0]!.authorName).toBe('news.com.au');
      expect(refs[0]!.text.startsWith('Experiencing a frustrating situation all-too-familiar for drivers')).toBe(true);
    },
  },
  // A reel from an account not followed: Follow button above the action bar.
  'instagram/suggested-post.html': {
    site: 'instagram',
    pageUrl: 'https://www.instagram.com/',
    posts: ['DxK4mQpLt2A dicegoblin.tabletop suggested'],
    check: (refs) => {
      expect(refs[0]!.text).toBe('Still one of my favourite sets. 🔗Link: https://example.invalid/set #fyp #viral #tabletop #dnd #dice');
      expect(refs[0]!.postedAt).toBe('2026-08-27T16:34:07.000Z');
    },
  },
  // The same post from a followed account.
  'instagram/followed-post.html': {
    site: 'instagram',
    pageUrl: 'https://www.instagram.com/',
    posts: ['DxK4mQpLt2A dicegoblin.tabletop -'],
  },
  // "You're all caught up" and "Suggested Posts": no posts.
  'instagram/caught-up-divider.html': {
    site: 'instagram',
    pageUrl: 'https://www.instagram.com/',
    posts: [],
  },
};

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe.skipIf(!present)('conformance with the shared page captures', () => {
  it('has a hand-checked expectation for every capture in the folder', () => {
    const files = listFiles(SHARED).filter((f) => !DOCUMENTATION.has(f));
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  for (const [file, expectation] of Object.entries(EXPECTED)) {
    it(`${file}: ${expectation.posts.length} posts with the expected ids, authors and flags`, () => {
      const full = path.join(SHARED, file);
      expect(fs.existsSync(full), `${file} is missing from ${SHARED}`).toBe(true);
      const doc = loadHtml(fs.readFileSync(full, 'utf8'));
      const adapter = ADAPTERS.find((a) => a.site === expectation.site)!;
      const refs = readAll(adapter, doc, expectation.pageUrl);
      const rows = summary(refs);
      expect(rows).toHaveLength(expectation.posts.length);
      expectation.posts.forEach((row, i) => {
        if (row instanceof RegExp) expect(rows[i]).toMatch(row);
        else expect(rows[i]).toBe(row);
      });
      expectation.check?.(refs);
      // Every found post is an outermost post whose badge slot lies inside it.
      for (const el of adapter.findPosts(doc)) {
        expect(adapter.closestPost(el)).toBe(el);
        expect(el.contains(adapter.badgeSlot(el).parent)).toBe(true);
      }
    });
  }

  it('X home timeline: no post found in the sidebar, and all 20 posts are found from a cell', () => {
    const doc = loadHtml(fs.readFileSync(path.join(SHARED, 'x/home-timeline.html'), 'utf8'));
    const x = ADAPTERS.find((a) => a.site === 'x')!;
    const cells = Array.from(doc.querySelectorAll('[data-testid="cellInnerDiv"]'));
    expect(cells).toHaveLength(21);
    expect(cells.flatMap((cell) => x.findPosts(cell))).toHaveLength(20);
    expect(x.findPosts(doc.querySelector('[data-testid="sidebarColumn"]')!)).toEqual([]);
  });
});
