import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  backupHistory,
  importHistory,
  loadSettings,
  purgeOldObservations,
  recordsOfBackup,
  saveSettings,
  SettingsSchema,
  type AppDB,
  type Settings,
  type SettingsRead,
} from '../../lib/db';
import { ErrorBoundary } from '../sidepanel/ErrorBoundary';
import { browserDownload } from '../sidepanel/services';
import { DEPARTMENT_LABEL, DepartmentSchema, SiteSchema, type Department, type Site, type TeamTerms } from '../../lib/model';

const SITE_LABEL: Record<Site, string> = { x: 'X (Twitter)', facebook: 'Facebook', instagram: 'Instagram' };
const TERM_LABEL: Record<keyof TeamTerms, string> = {
  brands: 'Brands',
  handles: 'Our handles',
  products: 'Products',
  competitors: 'Competitors',
};
const TERM_KINDS = Object.keys(TERM_LABEL) as (keyof TeamTerms)[];
const TARGET_LABEL = { 'pre-purchase': 'Pre-purchase', purchase: 'Purchase', 'post-purchase': 'Post-purchase' } as const;
const STAGES = Object.keys(TARGET_LABEL) as (keyof typeof TARGET_LABEL)[];

/** The form's own shape: text as typed, turned into Settings (and validated) on save. */
interface Draft {
  handle: string;
  displayName: string;
  department: Department;
  terms: Record<keyof TeamTerms, string>;
  targets: Record<(typeof STAGES)[number], string>;
  sites: Record<Site, boolean>;
  retentionDays: string;
}

function toDraft(s: Settings): Draft {
  return {
    handle: s.me.handle,
    displayName: s.me.displayName,
    department: s.me.department,
    terms: Object.fromEntries(TERM_KINDS.map((k) => [k, s.team.terms[k].join('\n')])) as Draft['terms'],
    targets: Object.fromEntries(STAGES.map((k) => [k, String(s.team.responseTargets[k])])) as Draft['targets'],
    sites: { ...s.sites },
    retentionDays: String(s.retentionDays),
  };
}

/** One term per line (commas work too); blanks and repeats dropped. */
function splitTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(/[\n,]/)) {
    const term = raw.trim();
    if (term) seen.add(term);
  }
  return [...seen];
}

function fromDraft(draft: Draft, base: Settings): unknown {
  return {
    ...base,
    me: {
      handle: draft.handle.trim().replace(/^@/, '').toLowerCase(),
      displayName: draft.displayName.trim(),
      department: draft.department,
    },
    team: {
      ...base.team,
      terms: Object.fromEntries(TERM_KINDS.map((k) => [k, splitTerms(draft.terms[k])])),
      responseTargets: Object.fromEntries(STAGES.map((k) => [k, Number(draft.targets[k])])),
    },
    sites: draft.sites,
    retentionDays: Number(draft.retentionDays),
  };
}

const FIELD_NAMES: Record<string, string> = {
  'me.handle': 'Handle',
  'me.displayName': 'Display name',
  retentionDays: 'Keep seen posts for',
};

function describeIssue(path: PropertyKey[], message: string): string {
  const key = path.map(String).join('.');
  const named =
    FIELD_NAMES[key] ??
    (path[0] === 'team' && path[1] === 'terms' ? TERM_LABEL[path[2] as keyof TeamTerms] : undefined) ??
    (path[0] === 'team' && path[1] === 'responseTargets' ? `${TARGET_LABEL[path[2] as keyof typeof TARGET_LABEL]} target` : undefined) ??
    key;
  return `${named}: ${message}`;
}

export interface OptionsAppProps {
  db: AppDB;
  /**
   * The team connection (CONTRACT section 6: `Team server`, `Access token`, `Connect`), provided by
   * the sync work. Until then the page says that everything works locally.
   */
  connectionSection?: ReactNode;
}

function Form({ db, initial, current }: { db: AppDB; initial: Settings; current: SettingsRead }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const ids = {
    handle: useId(),
    name: useId(),
    dept: useId(),
    retention: useId(),
    errors: useId(),
  };
  const termId = useId();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    // Fields this form does not show (routing, caps) come from the settings as they are now.
    const parsed = SettingsSchema.safeParse(fromDraft(draft, current.settings));
    if (!parsed.success) {
      setErrors(parsed.error.issues.map((i) => describeIssue(i.path, i.message)));
      return;
    }
    try {
      await saveSettings(db, parsed.data);
      setErrors([]);
      setStatus('Saved.');
    } catch (error) {
      setErrors([error instanceof Error ? error.message : String(error)]);
    }
  };

  const purge = async () => {
    const days = Number(draft.retentionDays);
    try {
      const n = await purgeOldObservations(db, { days });
      setStatus(`Removed ${n} seen post${n === 1 ? '' : 's'} older than ${days} days.`);
    } catch (error) {
      setErrors([error instanceof Error ? error.message : String(error)]);
    }
  };

  const invalid = (field: string) => errors.some((e) => e.startsWith(`${field}:`));

  return (
    <form onSubmit={(e) => void save(e)} aria-describedby={errors.length ? ids.errors : undefined} noValidate>
      {current.problem ? (
        <p className="op-alert" role="alert">
          {current.problem} Saving here replaces them; what was stored is kept aside.
        </p>
      ) : null}

      <fieldset>
        <legend>Who I am</legend>
        <div className="op-field">
          <label htmlFor={ids.handle}>Handle</label>
          <input
            id={ids.handle}
            value={draft.handle}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid('Handle') || undefined}
            onChange={(e) => setDraft({ ...draft, handle: e.target.value })}
          />
          <small>How your teammates know you; lower case letters, digits, dot, underscore or dash.</small>
        </div>
        <div className="op-field">
          <label htmlFor={ids.name}>Display name</label>
          <input id={ids.name} value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
        </div>
        <div className="op-field">
          <label htmlFor={ids.dept}>Department</label>
          <select
            id={ids.dept}
            value={draft.department}
            onChange={(e) => setDraft({ ...draft, department: DepartmentSchema.parse(e.target.value) })}
          >
            {DepartmentSchema.options.map((d) => (
              <option key={d} value={d}>
                {d === 'none' ? 'Not set' : DEPARTMENT_LABEL[d]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset>
        <legend>Team terms</legend>
        <p className="op-hint">
          The team’s own words make stage and department sharper. One per line. A connected team server shares them
          instead.
        </p>
        {TERM_KINDS.map((kind) => (
          <div className="op-field" key={kind}>
            <label htmlFor={`${termId}-${kind}`}>{TERM_LABEL[kind]}</label>
            <textarea
              id={`${termId}-${kind}`}
              rows={3}
              value={draft.terms[kind]}
              aria-invalid={invalid(TERM_LABEL[kind]) || undefined}
              onChange={(e) => setDraft({ ...draft, terms: { ...draft.terms, [kind]: e.target.value } })}
            />
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>Response-time targets (minutes)</legend>
        {STAGES.map((stage) => (
          <div className="op-field op-inline" key={stage}>
            <label htmlFor={`${termId}-target-${stage}`}>{TARGET_LABEL[stage]}</label>
            <input
              id={`${termId}-target-${stage}`}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={draft.targets[stage]}
              aria-invalid={invalid(`${TARGET_LABEL[stage]} target`) || undefined}
              onChange={(e) => setDraft({ ...draft, targets: { ...draft.targets, [stage]: e.target.value } })}
            />
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>Sites</legend>
        {SiteSchema.options.map((site) => (
          <div className="op-check" key={site}>
            <input
              id={`${termId}-site-${site}`}
              type="checkbox"
              checked={draft.sites[site]}
              onChange={(e) => setDraft({ ...draft, sites: { ...draft.sites, [site]: e.target.checked } })}
            />
            <label htmlFor={`${termId}-site-${site}`}>{SITE_LABEL[site]}</label>
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>Retention</legend>
        <div className="op-field op-inline">
          <label htmlFor={ids.retention}>Keep seen posts for</label>
          <input
            id={ids.retention}
            type="number"
            min={1}
            max={3650}
            step={1}
            inputMode="numeric"
            value={draft.retentionDays}
            aria-invalid={invalid('Keep seen posts for') || undefined}
            onChange={(e) => setDraft({ ...draft, retentionDays: e.target.value })}
          />
          <span>days</span>
        </div>
        <p className="op-hint">Interactions and leads are never removed by this; only the record of posts seen.</p>
        <button type="button" className="op-secondary" onClick={() => void purge()}>
          Remove older seen posts now
        </button>
      </fieldset>

      {errors.length ? (
        <div id={ids.errors} className="op-alert" role="alert">
          <p>Not saved:</p>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="op-actions">
        <button type="submit">Save</button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}

/** The options page: who I am, team terms and targets, sites, retention, and the team connection. */
export function OptionsApp({ db, connectionSection }: OptionsAppProps) {
  return (
    <main className="op-page">
      <h1>Switchboard options</h1>
      <section className="op-section" aria-labelledby="op-team-title">
        <h2 id="op-team-title">Team connection</h2>
        {connectionSection ?? (
          <p className="op-hint">Not connected to a team: badges, logging, leads and history all work on this device.</p>
        )}
      </section>
      <section className="op-section" aria-labelledby="op-settings-title">
        <h2 id="op-settings-title">Settings</h2>
        <ErrorBoundary>
          <SettingsSection db={db} />
        </ErrorBoundary>
      </section>
      <section className="op-section" aria-labelledby="op-backup-title">
        <h2 id="op-backup-title">History backup</h2>
        <BackupSection db={db} />
      </section>
    </main>
  );
}

/**
 * The whole local history to a file, and back: to move to another browser profile or restore after
 * a reinstall. A restore adds what is missing and keeps what is here (the import's rules); a
 * customer's privacy export restores the same way.
 */
function BackupSection({ db }: { db: AppDB }) {
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileId = useId();

  const backUp = async () => {
    setMessage(null);
    try {
      const backup = await backupHistory(db);
      const records = backup.customers.length + backup.observations.length + backup.interactions.length + backup.leads.length + backup.assignments.length;
      browserDownload({ filename: `switchboard-history-${backup.exportedAt.slice(0, 10)}.json`, mime: 'application/json', content: JSON.stringify(backup) });
      setMessage({ tone: 'info', text: `Backed up ${records.toLocaleString()} records.` });
    } catch (error) {
      setMessage({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    setBusy(true);
    try {
      const report = await importHistory(db, recordsOfBackup(await file.text()));
      const counts = Object.values(report.tables);
      const added = counts.reduce((n, c) => n + c.added, 0);
      const kept = counts.reduce((n, c) => n + c.unchanged + c.updated, 0);
      setMessage({ tone: 'info', text: `Restored from ${file.name}: ${added.toLocaleString()} records added, ${kept.toLocaleString()} already here.` });
    } catch (error) {
      setMessage({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="op-hint">Customers, posts seen, interactions, leads and assignments kept on this device.</p>
      <div className="op-actions op-wrap">
        <button type="button" onClick={() => void backUp()}>
          Back up history (JSON)
        </button>
        <label htmlFor={fileId}>Restore from a backup</label>
        <input id={fileId} type="file" accept="application/json,.json" disabled={busy} onChange={(event) => void restore(event.currentTarget.files?.[0])} />
      </div>
      {message?.tone === 'error' ? (
        <p className="op-alert" role="alert">
          {message.text}
        </p>
      ) : (
        <p className="op-hint" role="status">
          {busy ? 'Restoring…' : (message?.text ?? '')}
        </p>
      )}
    </>
  );
}

function SettingsSection({ db }: { db: AppDB }) {
  const read = useLiveQuery(() => loadSettings(db), [db]);
  const [loadedOnce, setLoadedOnce] = useState<Settings | null>(null);
  // The form starts from the settings as first read; later saves (from this form) do not reset it.
  useEffect(() => {
    if (read && !loadedOnce) setLoadedOnce(read.settings);
  }, [read, loadedOnce]);
  return loadedOnce && read ? <Form db={db} initial={loadedOnce} current={read} /> : <p className="op-hint">Loading…</p>;
}
