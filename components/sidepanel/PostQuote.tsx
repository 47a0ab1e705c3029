import type { PostSnapshot } from '../../lib/model';
import { formatTime, safeHref } from './format';

/** A post as stored: its text as plain text (never markup), and a link when it has a web address. */
export function PostQuote({ post }: { post: PostSnapshot }) {
  const href = safeHref(post.permalink);
  return (
    <div className="sb-post">
      {post.text ? <p className="sb-post-text">{post.text}</p> : <p className="sb-muted">(no text)</p>}
      <p className="sb-post-meta">
        {post.postedAt ? <span>Posted {formatTime(post.postedAt)}</span> : null}
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            Open post
          </a>
        ) : null}
      </p>
    </div>
  );
}
