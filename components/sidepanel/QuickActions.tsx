import { useEffect, useId, useState, type FormEvent } from 'react';
import { addCustomerInteraction, NOTE_MAX, undoInteraction, UNDO_WINDOW_MS, type HistoryEntry } from '../../lib/db';
import { InteractionKindSchema, type CustomerKey, type InteractionKind, type PostSnapshot } from '../../lib/model';
import { KIND_LABEL } from './format';
import { useAction, useServices } from './services';
import { usePanel } from './store';

function postsOf(entries: readonly HistoryEntry[]): PostSnapshot[] {
  const seen = new Map<string, PostSnapshot>();
  for (const e of entries) {
    const post = e.kind === 'lead' ? e.record.source : e.record.post;
    if (!seen.has(post.postKey)) seen.set(post.postKey, post);
  }
  return [...seen.values()];
}

function postLabel(post: PostSnapshot): string {
  const text = post.text.replace(/\s+/g, ' ').trim();
  return text ? (text.length > 60 ? `${text.slice(0, 59)}…` : text) : `Post ${post.postId}`;
}

/** Add an interaction or a note about one of the customer's posts, with a short undo. */
export function QuickActions({ customerKey, entries, me }: { customerKey: CustomerKey; entries: readonly HistoryEntry[]; me: string }) {
  const { db, now } = useServices();
  const act = useAction();
  const notify = usePanel((s) => s.notify);
  const posts = postsOf(entries);
  const [kind, setKind] = useState<InteractionKind>('note');
  const [postKey, setPostKey] = useState('');
  const [note, setNote] = useState('');
  const [undoable, setUndoable] = useState<string | null>(null);
  const ids = { kind: useId(), post: useId(), note: useId() };
  const chosen = posts.find((p) => p.postKey === postKey) ?? posts[0];

  useEffect(() => {
    if (!undoable) return;
    const timer = setTimeout(() => setUndoable(null), UNDO_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [undoable]);

  if (!chosen) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await act(() => addCustomerInteraction(db, { customerKey, postKey: chosen.postKey, kind, note }, { me, now: now() }));
    if (!result) return;
    setNote('');
    setUndoable(result.duplicate ? null : result.interaction.id);
    notify({ tone: 'info', text: result.duplicate ? 'Already logged a moment ago.' : `${KIND_LABEL[kind]} added.` });
  };

  const undo = async () => {
    const id = undoable;
    setUndoable(null);
    if (!id) return;
    const done = await act(async () => {
      await undoInteraction(db, id, { me, now: now() });
      return true;
    });
    if (done) notify({ tone: 'info', text: 'Undone.' });
  };

  return (
    <form className="sb-quick" onSubmit={(e) => void submit(e)} aria-label="Add to history">
      <div className="sb-row">
        <label htmlFor={ids.kind}>Kind</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(InteractionKindSchema.parse(e.target.value))}>
          {InteractionKindSchema.options.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      {posts.length > 1 ? (
        <div className="sb-row">
          <label htmlFor={ids.post}>About</label>
          <select id={ids.post} value={chosen.postKey} onChange={(e) => setPostKey(e.target.value)}>
            {posts.map((p) => (
              <option key={p.postKey} value={p.postKey}>
                {postLabel(p)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="sb-row sb-row-stack">
        <label htmlFor={ids.note}>Note</label>
        <textarea id={ids.note} value={note} maxLength={NOTE_MAX} rows={2} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="sb-actions">
        <button type="submit">Add</button>
        {undoable ? (
          <button type="button" className="sb-secondary" onClick={() => void undo()}>
            Undo
          </button>
        ) : null}
      </div>
    </form>
  );
}
