import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is one process's database: two processes opening the same directory would each write
 * their own copy of it. The process that opens it holds `<dir>.lock` (its pid); another process
 * finding a live holder must not open the directory (the admin command line then talks to the
 * running server instead, see cli.ts). A lock left by a dead process is taken over.
 */

export class DataDirBusy extends Error {
  constructor(readonly pid: number, dir: string) {
    super(`another Switchboard process (pid ${pid}) is using the embedded database in ${dir}`);
    this.name = 'DataDirBusy';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockHolder(dir: string): number | null {
  try {
    const pid = Number(readFileSync(`${dir}.lock`, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the directory's lock or throws DataDirBusy; returns the release function. */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(dir);
      if (holder !== null) throw new DataDirBusy(holder, dir);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}
