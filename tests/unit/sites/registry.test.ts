// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteSchema } from '../../../lib/model/ids';
import { ADAPTERS, adapterForHost } from '../../../lib/sites';
import { FIXTURES, loadFixture } from './fixtures';

const LIB_SITES = path.resolve(__dirname, '../../../lib/sites');
/** Files in lib/sites that are not adapters. */
const NOT_ADAPTERS = new Set(['index.ts', 'types.ts', 'dom.ts']);

describe('site adapter registry', () => {
  it('has one adapter per site, each registered once', () => {
    expect(ADAPTERS.map((a) => a.site).sort()).toEqual([...SiteSchema.options].sort());
  });

  it('registers every adapter file in lib/sites', async () => {
    const files = fs.readdirSync(LIB_SITES).filter((f) => f.endsWith('.ts') && !NOT_ADAPTERS.has(f));
    expect(files.sort()).toEqual(ADAPTERS.map((a) => `${a.site}.ts`).sort());
    for (const file of files) {
      const module = (await import(path.join(LIB_SITES, file))) as Record<string, unknown>;
      const exported = Object.values(module).filter((v) => ADAPTERS.includes(v as never));
      expect(exported, `${file} exports its registered adapter`).toHaveLength(1);
    }
  });

  it('gives every adapter hand-written fixtures in which it finds posts', () => {
    for (const adapter of ADAPTERS) {
      const dir = path.join(FIXTURES, adapter.site);
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.html')) : [];
      expect(files.length, `fixtures for ${adapter.site}`).toBeGreaterThan(0);
      for (const file of files) {
        expect(adapter.findPosts(loadFixture(adapter.site, file)).length, `${adapter.site}/${file}`).toBeGreaterThan(0);
      }
    }
    // and no fixture folder for a site that has no adapter
    expect(fs.readdirSync(FIXTURES).sort()).toEqual(ADAPTERS.map((a) => a.site).sort());
  });

  it('maps host names to adapters, exactly', () => {
    const site = (host: string) => adapterForHost(host)?.site ?? null;
    expect(site('x.com')).toBe('x');
    expect(site('twitter.com')).toBe('x');
    expect(site('mobile.twitter.com')).toBe('x');
    expect(site('X.COM')).toBe('x');
    expect(site('www.facebook.com')).toBe('facebook');
    expect(site('web.facebook.com')).toBe('facebook');
    expect(site('www.instagram.com')).toBe('instagram');
    for (const host of ['evilx.com', 'x.com.evil.example', 'facebook.com.evil.example', 'instagram.com', 'l.facebook.com', '', 'localhost']) {
      expect(site(host), host).toBeNull();
    }
  });

  it('lists each host under one adapter only, in lower case', () => {
    const hosts = ADAPTERS.flatMap((a) => [...a.hosts]);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts.every((h) => h === h.toLowerCase())).toBe(true);
  });
});
