import type { HistoryEntry } from '../../lib/db';
import type { PostSnapshot } from '../../lib/model';
import { DEPARTMENT_LABEL, formatTime, KIND_LABEL, LEAD_STATUS_LABEL, STAGE_LABEL } from './format';
import { PostQuote } from './PostQuote';

function describe(entry: HistoryEntry): { title: string; detail: string; post: PostSnapshot } {
  switch (entry.kind) {
    case 'interaction': {
      const r = entry.record;
      return {
        title: `${KIND_LABEL[r.kind]} by @${r.memberHandle}`,
        detail: r.stage === 'none' ? '' : `${STAGE_LABEL[r.stage]} · ${DEPARTMENT_LABEL[r.department]}`,
        post: r.post,
      };
    }
    case 'lead': {
      const r = entry.record;
      return { title: `Lead: ${LEAD_STATUS_LABEL[r.status]}`, detail: `Owner @${r.owner}`, post: r.source };
    }
    case 'assignment': {
      const r = entry.record;
      const who = r.assignee ? `@${r.assignee}` : DEPARTMENT_LABEL[r.department];
      return {
        title: `Assigned to ${who}${r.status === 'done' ? ' · done' : ''}`,
        detail: `by @${r.createdBy}`,
        post: r.post,
      };
    }
    case 'stage': {
      const r = entry.record;
      return {
        title: `Seen: ${STAGE_LABEL[r.stage]}`,
        detail: `${DEPARTMENT_LABEL[r.department]} · ${Math.round(r.confidence * 100)}% sure`,
        post: r.post,
      };
    }
  }
}

/**
 * The customer's timeline, newest first. Each entry carries `data-entry-kind` and `data-post-id`
 * (the site's post id, as on the badge): CONTRACT section 3.
 */
export function History({ entries }: { entries: readonly HistoryEntry[] }) {
  if (entries.length === 0) return <p className="sb-muted">Nothing in this customer’s history yet.</p>;
  return (
    <ol className="sb-timeline" aria-label="History, newest first">
      {entries.map((entry) => {
        const { title, detail, post } = describe(entry);
        const note = entry.kind === 'interaction' || entry.kind === 'lead' ? entry.record.note : '';
        return (
          <li
            key={`${entry.kind}:${entry.id}`}
            className={`sb-entry sb-entry-${entry.kind}`}
            data-entry-kind={entry.kind}
            data-post-id={entry.postId}
          >
            <div className="sb-entry-head">
              <strong>{title}</strong>
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            </div>
            {detail ? <p className="sb-entry-detail">{detail}</p> : null}
            {note ? <p className="sb-note">{note}</p> : null}
            <PostQuote post={post} />
          </li>
        );
      })}
    </ol>
  );
}
