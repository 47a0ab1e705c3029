/**
 * The site adapters, one per site, behind one interface. A new site is one file here and one line
 * in ADAPTERS; tests/unit/sites/registry.test.ts checks that each is registered and has fixtures.
 */
import { facebookAdapter } from './facebook';
import { instagramAdapter } from './instagram';
import type { SiteAdapter } from './types';
import { xAdapter } from './x';

export type { BadgeSlot, SiteAdapter } from './types';
export { facebookAdapter } from './facebook';
export { instagramAdapter } from './instagram';
export { xAdapter } from './x';

export const ADAPTERS: readonly SiteAdapter[] = [xAdapter, facebookAdapter, instagramAdapter];

/** The adapter for a page's host name (`location.hostname`), or null on any other site. */
export function adapterForHost(hostname: string): SiteAdapter | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return ADAPTERS.find((adapter) => adapter.hosts.includes(host)) ?? null;
}
