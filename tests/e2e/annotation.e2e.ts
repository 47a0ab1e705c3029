import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeAttributes, launchWithExtension, type ExtensionBrowser } from '../../scripts/browser';
import { feedPage, xCell, type DemoPost } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';

/**
 * The in-page annotation in a real Chromium with the built extension (CONTRACT section 2), on
 * pages served as https://x.com/..., https://www.facebook.com/..., https://www.instagram.com/...
 */

const STAGES = ['pre-purchase', 'purchase', 'post-purchase', 'none'];
const DEPARTMENTS = ['marketing', 'pr', 'sales', 'service', 'none'];

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
});

/** Wait until every post container carries exactly one badge; returns the attributes. */
async function waitForBadges(page: import('playwright-core').Page, postSelector: string, count: number) {
  await page.waitForFunction(
    ([selector, n]) => {
      const posts = [...document.querySelectorAll(selector as string)].filter(
        (post) => !post.parentElement?.closest(selector as string),
      );
      return posts.length === n && posts.every((post) => post.querySelectorAll('switchboard-badge').length === 1);
    },
    [postSelector, count] as const,
    { timeout: 5_000, polling: 50 },
  );
  return badgeAttributes(page);
}

function expectContract(attrs: Awaited<ReturnType<typeof badgeAttributes>>[number], site: string) {
  expect(attrs.site).toBe(site);
  expect(attrs.postId).toMatch(/^[A-Za-z0-9_:.-]+$/);
  expect(attrs.author).toMatch(/^[a-z0-9._-]+$/);
  expect(STAGES).toContain(attrs.stage);
  expect(DEPARTMENTS).toContain(attrs.department);
  const confidence = Number(attrs.confidence);
  expect(confidence).toBeGreaterThanOrEqual(0);
  expect(confidence).toBeLessThanOrEqual(1);
  expect(attrs.shadowOpen).toBe(true);
}

describe('X', () => {
  it('badges every post of the home timeline with the contract attributes and the three buttons', async () => {
    await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));
    const { page, errors } = await browser.open('https://x.com/home');
    const badges = await waitForBadges(page, 'article[data-testid="tweet"]', DEMO_POSTS.x.length);
    badges.forEach((attrs) => expectContract(attrs, 'x'));
    expect(badges.map((b) => b.postId).sort()).toEqual(DEMO_POSTS.x.map((p) => p.id).sort());
    const price = badges.find((b) => b.postId === '1861000000000000001')!;
    expect(price.author).toBe('maya_rides');
    expect(price.stage).toBe('purchase');
    expect(price.department).toBe('sales');
    // The repost is credited to its original author.
    expect(badges.find((b) => b.postId === '1861000000000000004')!.author).toBe('ridewithraj');

    const first = page.locator('switchboard-badge').first();
    for (const name of ['Log interaction', 'Flag lead', 'Customer history']) {
      await expect(first.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
    // Every badge is styled (the shared sheet adopted) and has its own buttons.
    const looks = await page.$$eval('switchboard-badge', (hosts) =>
      hosts.map((host) => {
        const pill = host.shadowRoot!.querySelector('.pill')!;
        return { sheets: host.shadowRoot!.adoptedStyleSheets.length, border: getComputedStyle(pill).borderTopStyle, buttons: host.shadowRoot!.querySelectorAll('button.act').length };
      }),
    );
    expect(looks).toHaveLength(DEMO_POSTS.x.length);
    for (const look of looks) expect(look).toEqual({ sheets: 1, border: expect.stringMatching(/solid|dashed/), buttons: 3 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives way in a crowded header: a long name and its handle keep their whole text, before and after a click, and the card stays in the window', async () => {
    // A 23-letter name fills X's 600 px column; the badge (pill, buttons, then "Logged … · Undo")
    // must shrink to its pill's dot and buttons before the site's name and handle give up a letter.
    const crowded = DEMO_POSTS.x.map((p, i) => (i === 1 ? { ...p, name: 'Thomas Bartholomew Fitz' } : p));
    await browser.serve('https://x.com/home', feedPage('x', crowded));
    const { page, errors } = await browser.open('https://x.com/home');
    await page.setViewportSize({ width: 700, height: 900 });
    const badge = page.locator(`switchboard-badge[data-post-id="${crowded[1]!.id}"]`);
    await badge.waitFor();
    const cut = () =>
      badge.evaluate((host) =>
        [...host.closest('article')!.querySelectorAll('[data-testid="User-Name"] *')]
          .filter((el) => getComputedStyle(el).overflowX === 'hidden' && el.scrollWidth > el.clientWidth)
          .map((el) => el.textContent),
      );
    await expect(cut()).resolves.toEqual([]);
    await badge.getByRole('button', { name: 'Log interaction', exact: true }).click();
    // What the click did is read whole all the same: with no room in the header, the notice and
    // its Undo float under the badge while the undo is offered, where a click reaches the Undo.
    const undo = badge.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    const noticeWhole = () =>
      badge.evaluate((host) => {
        const status = host.shadowRoot!.querySelector<HTMLElement>('.status')!;
        const line = status.querySelector<HTMLElement>('.line')!;
        return { floats: status.hasAttribute('data-float'), whole: status.scrollWidth <= status.clientWidth + 1 && line.scrollHeight <= line.clientHeight + 1 };
      });
    await expect(noticeWhole()).resolves.toEqual({ floats: true, whole: true });
    const undoBox = (await undo.boundingBox())!;
    expect(undoBox.x).toBeGreaterThanOrEqual(0);
    expect(undoBox.x + undoBox.width).toBeLessThanOrEqual(700);
    await undo.click({ trial: true });
    await expect(cut()).resolves.toEqual([]);
    // The badge stays within its own box: nothing of it is drawn over the site's menu button.
    const [badgeBox, caretBox] = await Promise.all([badge.boundingBox(), page.locator('article').nth(1).locator('[data-testid="caret"]').boundingBox()]);
    expect(badgeBox!.x + badgeBox!.width).toBeLessThanOrEqual(caretBox!.x + 1);
    // Its card, opened near the window's right edge, opens leftwards and is not cut off.
    await badge.locator('button.pill').hover();
    const card = badge.getByRole('group', { name: 'Why Switchboard says so' });
    await card.waitFor();
    const cardBox = await card.boundingBox();
    expect(cardBox!.x).toBeGreaterThanOrEqual(0);
    expect(cardBox!.x + cardBox!.width).toBeLessThanOrEqual(700);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('badges a post appended later (infinite scroll) within 500 ms, and follows a recycled cell', async () => {
    await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x.slice(0, 3)));
    const { page, errors } = await browser.open('https://x.com/home');
    await waitForBadges(page, 'article[data-testid="tweet"]', 3);

    const later: DemoPost = { id: '1861000000000009999', handle: 'late_poster', name: 'Late', text: 'Where can I buy the Lumen Glide in Berlin?' };
    const elapsed = await page.evaluate(async (html) => {
      const template = document.createElement('template');
      template.innerHTML = html;
      const started = performance.now();
      document.getElementById('timeline')!.append(template.content);
      await new Promise<void>((resolve) => {
        const check = () => (document.querySelector('switchboard-badge[data-post-id="1861000000000009999"]') ? resolve() : requestAnimationFrame(check));
        check();
      });
      return performance.now() - started;
    }, xCell(later));
    expect(elapsed).toBeLessThan(500);

    // Recycle the first cell in place, as X does while scrolling: same nodes, another post.
    await page.evaluate(() => {
      const article = document.querySelector('article[data-testid="tweet"]')!;
      for (const a of article.querySelectorAll('a[href*="/status/"]')) a.setAttribute('href', '/recycled_user/status/1861000000000007777');
      for (const a of article.querySelectorAll('[data-testid="User-Name"] a:not([href*="/status/"])')) a.setAttribute('href', '/recycled_user');
      article.querySelector('[data-testid="tweetText"] span')!.firstChild!.nodeValue = 'My order never arrived, I want a refund';
    });
    await page.waitForFunction(() => {
      const badges = document.querySelector('article[data-testid="tweet"]')!.querySelectorAll('switchboard-badge');
      return badges.length === 1 && badges[0]!.getAttribute('data-post-id') === '1861000000000007777';
    }, undefined, { timeout: 2_000, polling: 50 });
    const recycled = page.locator('article[data-testid="tweet"]').first().locator('switchboard-badge');
    expect(await recycled.getAttribute('data-author')).toBe('recycled_user');
    expect(await recycled.getAttribute('data-stage')).toBe('post-purchase');
    expect(await page.locator('switchboard-badge').count()).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("follows the site's theme when it switches while the page is open, in badges already there and in new ones", async () => {
    await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x.slice(0, 3)));
    const { page, errors } = await browser.open('https://x.com/home');
    await waitForBadges(page, 'article[data-testid="tweet"]', 3);
    const themes = () => page.$$eval('switchboard-badge', (hosts) => hosts.map((h) => h.getAttribute('data-theme')));
    await expect(themes()).resolves.toEqual(['light', 'light', 'light']);
    const pillText = () =>
      page.locator('switchboard-badge').first().evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('.pill')!).color);
    const lightText = await pillText();
    // X's display settings: "Lights out" repaints the body.
    await page.evaluate(() => {
      document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    });
    await page.waitForFunction(() => [...document.querySelectorAll('switchboard-badge')].every((h) => h.getAttribute('data-theme') === 'dark'), undefined, {
      timeout: 2_000,
      polling: 50,
    });
    expect(await pillText()).not.toBe(lightText);
    // A post that arrives afterwards is dark from the start.
    await page.evaluate((html) => {
      const template = document.createElement('template');
      template.innerHTML = html;
      document.getElementById('timeline')!.append(template.content);
    }, xCell({ id: '1861000000000008888', handle: 'night_owl', name: 'Night', text: 'Is the Lumen Glide back in stock?' }));
    const late = page.locator('switchboard-badge[data-post-id="1861000000000008888"]');
    await late.waitFor();
    expect(await late.getAttribute('data-theme')).toBe('dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('badges the new view after single-page navigation and drops badges of posts that left', async () => {
    await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x.slice(0, 4)));
    const { page, errors } = await browser.open('https://x.com/home');
    await waitForBadges(page, 'article[data-testid="tweet"]', 4);
    const conversation = [DEMO_POSTS.x[1]!, { id: '1861000000000008888', handle: 'lumenbikes', name: 'Lumen Bikes', text: 'So sorry Tom, we have sent you a DM to sort this out today.' }];
    await page.evaluate((html) => {
      history.pushState({}, '', '/tomfixesthings/status/1861000000000000002');
      const template = document.createElement('template');
      template.innerHTML = html;
      document.getElementById('timeline')!.replaceChildren(template.content);
    }, conversation.map(xCell).join(''));
    const badges = await waitForBadges(page, 'article[data-testid="tweet"]', 2);
    expect(badges.map((b) => b.postId).sort()).toEqual(['1861000000000000002', '1861000000000008888']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders hostile and huge post text as text, without running it', async () => {
    const hostile: DemoPost[] = [
      { id: '1861000000000006661', handle: 'hostile_one', name: '\u202Eevil\u200B name', text: '<img src=x onerror="window.__pwned=1"></style><script>window.__pwned=2</script> how much?' },
      { id: '1861000000000006662', handle: 'huge_text', name: 'Huge', text: 'refund '.repeat(7_200) },
      { id: '1861000000000006663', handle: 'bidi_user', name: 'Bidi', text: '\u202Emy order is broken\u202C \u200B\u200B\u200B' },
    ];
    await browser.serve('https://x.com/home', feedPage('x', hostile));
    const { page, errors } = await browser.open('https://x.com/home');
    await waitForBadges(page, 'article[data-testid="tweet"]', 3);
    await page.locator('switchboard-badge').first().getByRole('button', { name: /^Switchboard:/ }).hover();
    await page.locator('switchboard-badge').first().getByRole('group', { name: 'Why Switchboard says so' }).waitFor();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const shadowImages = await page.$$eval('switchboard-badge', (badges) => badges.reduce((n, b) => n + b.shadowRoot!.querySelectorAll('img, script').length, 0));
    expect(shadowImages).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('Facebook and Instagram', () => {
  it('badges every Facebook story, sponsored ones included', async () => {
    await browser.serve('https://www.facebook.com/', feedPage('facebook', DEMO_POSTS.facebook));
    const { page, errors } = await browser.open('https://www.facebook.com/');
    const badges = await waitForBadges(page, 'div[aria-posinset]', DEMO_POSTS.facebook.length);
    badges.forEach((attrs) => expectContract(attrs, 'facebook'));
    expect(badges.find((b) => b.author === 'davidnguyen')!.department).toBe('pr');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('badges Instagram posts and not the "caught up" block or the "Suggested Posts" divider', async () => {
    await browser.serve('https://www.instagram.com/', feedPage('instagram', DEMO_POSTS.instagram));
    const { page, errors } = await browser.open('https://www.instagram.com/');
    const badges = await waitForBadges(page, 'article', DEMO_POSTS.instagram.length);
    badges.forEach((attrs) => expectContract(attrs, 'instagram'));
    expect(badges.map((b) => b.postId).sort()).toEqual(DEMO_POSTS.instagram.map((p) => p.id).sort());
    expect(await page.locator('switchboard-badge').count()).toBe(DEMO_POSTS.instagram.length);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('extension reload while a page is open', () => {
  it('the old content script removes its badges and stops, without errors', async () => {
    const reloading = await launchWithExtension();
    try {
      await reloading.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x.slice(0, 3)));
      const { page, errors } = await reloading.open('https://x.com/home');
      await waitForBadges(page, 'article[data-testid="tweet"]', 3);
      const extensionPage = await reloading.context.newPage();
      await extensionPage.goto(`chrome-extension://${reloading.extensionId}/welcome.html`);
      // The extension is unloaded (the old content script's runtime gone) once its service worker
      // closes: a fixed wait could end before, and the change below would be badged by a script
      // that does not know yet.
      const worker = reloading.context.serviceWorkers()[0] ?? reloading.worker!;
      const unloaded = new Promise((resolve) => worker.once('close', resolve));
      await extensionPage.evaluate('chrome.runtime.reload()').catch(() => undefined);
      await unloaded;
      // The next change on the page lets the old script notice it has been replaced.
      await page.evaluate((html) => {
        const template = document.createElement('template');
        template.innerHTML = html;
        document.getElementById('timeline')!.append(template.content);
      }, xCell(DEMO_POSTS.x[4]!));
      await page.waitForFunction(() => document.querySelectorAll('switchboard-badge').length === 0, undefined, { timeout: 5_000 });
      await page.waitForTimeout(300);
      expect(await page.locator('switchboard-badge').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await reloading.close();
    }
  });
});
