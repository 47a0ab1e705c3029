import { z } from 'zod';
import { HandleSchema, PostIdSchema, SiteSchema } from './ids';

import { POST_TEXT_MAX } from './keys';

export { capText, POST_TEXT_MAX } from './keys';

/** What kind of post this is, beyond an ordinary one; each flag is what the page itself says. */
export const PostFlagsSchema = z.object({
  /** X: "Reposted" social context; the post is credited to the original author. */
  repost: z.boolean().default(false),
  /** X: pinned to the profile. */
  pinned: z.boolean().default(false),
  /** Paid placement: X promoted, Facebook sponsored. */
  promoted: z.boolean().default(false),
  /** Instagram: a suggested post from an account the user does not follow. */
  suggested: z.boolean().default(false),
  /** X: a reply in a conversation ("Replying to"). */
  reply: z.boolean().default(false),
  /** X: the post quotes another (the quoted tweet belongs to this post). */
  quote: z.boolean().default(false),
  /** Photos or video with no text of its own. */
  mediaOnly: z.boolean().default(false),
  /** X long-form article (no tweetText). */
  article: z.boolean().default(false),
});
export type PostFlags = z.infer<typeof PostFlagsSchema>;

/** One post as read from a site's page by its adapter: everything the badge and the history need. */
export const PostRefSchema = z.object({
  site: SiteSchema,
  postId: PostIdSchema,
  /** Absolute URL of the post, when the page has one. */
  permalink: z.string().url().max(2000).nullable(),
  author: HandleSchema,
  authorName: z.string().max(200),
  /** The post's own text (a quoted tweet's text excluded); empty for media-only posts. */
  text: z.string().max(POST_TEXT_MAX),
  /** ISO 8601, when the page carries it. */
  postedAt: z.string().datetime({ offset: true }).nullable(),
  /** X repost: the handle of who reposted it. */
  repostedBy: HandleSchema.nullable(),
  flags: PostFlagsSchema,
});
export type PostRef = z.infer<typeof PostRefSchema>;
