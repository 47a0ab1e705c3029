import { z } from 'zod';

/** The sites Switchboard annotates. The value is also the prefix of every customer and post key. */
export const SiteSchema = z.enum(['x', 'facebook', 'instagram']);
export type Site = z.infer<typeof SiteSchema>;

/** An author's handle: lower case, without `@`. */
export const HandleSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9._-]+$/, 'a handle is lower case letters, digits, dot, underscore or dash');

/** The site's own id of a post (X status id, Instagram shortcode, Facebook story id) or `h:<hash>`. */
export const PostIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_:.-]+$/, 'a post id is letters, digits and _ : . -');

/** `<site>:<handle>`: one customer on one site. */
export const CustomerKeySchema = z.string().regex(/^(x|facebook|instagram):[a-z0-9._-]{1,100}$/);
export type CustomerKey = z.infer<typeof CustomerKeySchema>;

/** `<site>:<postId>`: one post on one site. */
export const PostKeySchema = z.string().regex(/^(x|facebook|instagram):[A-Za-z0-9_:.-]{1,200}$/);
export type PostKey = z.infer<typeof PostKeySchema>;

export { customerKey, postKey } from './keys';
