import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_SETTINGS, loadSettings, type AppDB, type SettingsRead } from '../../lib/db';
import { usePanel } from './store';

export interface DownloadFile {
  filename: string;
  mime: string;
  content: string;
}

/** What the panel needs from outside: the database and a few browser actions (replaced in tests). */
export interface PanelServices {
  db: AppDB;
  download(file: DownloadFile): void;
  openOptions?: () => void;
  now(): Date;
}

export const ServicesContext = createContext<PanelServices | null>(null);

export function useServices(): PanelServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside the side panel');
  return services;
}

/** Save a file through an object URL (works in extension pages without the downloads permission). */
export function browserDownload({ filename, mime, content }: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const FALLBACK: SettingsRead = { settings: DEFAULT_SETTINGS, stored: false, migratedFrom: null, problem: null };

/** The settings now in force, live. */
export function useSettings(): SettingsRead {
  const { db } = useServices();
  return useLiveQuery(() => loadSettings(db), [db], FALLBACK);
}

/** The current time, advancing every `everyMs` while the component is shown. */
export function useNow(everyMs = 30_000): Date {
  const { now } = useServices();
  const [time, setTime] = useState(() => now());
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, everyMs]);
  return time;
}

/**
 * Run a write from the panel: its failure (storage full, a refused step) becomes the notice the
 * person sees, never an unhandled rejection. Resolves to the result, or undefined on failure.
 */
export function useAction(): <T>(run: () => Promise<T>) => Promise<T | undefined> {
  const notify = usePanel((s) => s.notify);
  return useCallback(
    async <T,>(run: () => Promise<T>) => {
      try {
        const result = await run();
        return result;
      } catch (error) {
        notify({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    },
    [notify],
  );
}
