import type { PostRef, Site } from '../model';

/** Where a post's badge goes: inserted into `parent` before `before` (null: appended). */
export interface BadgeSlot {
  parent: Element;
  before: Node | null;
}

/**
 * One social site, read from its page. Adapters only read the DOM: they never change it, and they
 * treat every attribute and text of the page as hostile input.
 */
export interface SiteAdapter {
  site: Site;
  /** Host names the adapter runs on (exact match, lower case). */
  hosts: readonly string[];
  /**
   * The post containers at or under `root` (including `root` itself when it is one), outermost
   * posts only: a quoted tweet inside a post is part of that post, not a post of its own.
   */
  findPosts(root: ParentNode): Element[];
  /** The post container that holds `node`, if any (used when a mutation lands inside a post). */
  closestPost(node: Node): Element | null;
  /** Read one post container; null when it is not a post we can credit to an author. */
  readPost(el: Element, pageUrl: string): PostRef | null;
  /** Where the badge goes inside the post container. */
  badgeSlot(el: Element): BadgeSlot;
}
