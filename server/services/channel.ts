import { randomUUID } from 'node:crypto';
import { ChannelEventSchema, PRESENCE_TTL_MS, type ChannelEvent } from '../../lib/model';
import type { Db } from '../db/client';
import { lastPresenceId, presenceSince, prunePresence, teamSeqs } from '../db/global';
import type { ChangeNotifier, ServiceContext } from './context';

type PresenceEvent = Extract<ChannelEvent, { type: 'presence' }>;
type Listener = (event: ChannelEvent) => void;

/**
 * The push channel's hub, one per process. Changes committed by this process are announced at
 * once (the in-process bus); changes and presence published by other processes on the same
 * PostgreSQL are found by a short poll (LISTEN/NOTIFY does not exist in PGlite): one query for the
 * change counters of the teams that have listeners here, one for presence rows of other origins.
 * The poll runs only while somebody listens.
 */
export class ChannelHub implements ChangeNotifier {
  /** This process, in presence rows: its own are already delivered. */
  readonly origin = randomUUID();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly seqs = new Map<string, number>();
  private presenceCursor: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly pollMs: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /**
   * Listens to a team's events. `seenSeq` is the change number the listener already knows (the
   * stream sends it on connect), so that a change made by another process between that read and
   * the next poll is still announced.
   */
  subscribe(teamId: string, listener: Listener, seenSeq?: number): () => void {
    if (seenSeq !== undefined) this.changed(teamId, seenSeq);
    let set = this.listeners.get(teamId);
    if (!set) this.listeners.set(teamId, (set = new Set()));
    set.add(listener);
    if (seenSeq !== undefined && (this.seqs.get(teamId) ?? -1) < seenSeq) this.seqs.set(teamId, seenSeq);
    this.timer ??= setInterval(() => void this.poll(), this.pollMs).unref();
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(teamId);
        this.seqs.delete(teamId);
      }
      if (this.listeners.size === 0) this.stop();
    };
  }

  changed(teamId: string, seq: number): void {
    const known = this.seqs.get(teamId);
    if (known !== undefined && seq <= known) return;
    // Remember it only for teams listened to here; others are not worth the memory.
    if (this.listeners.has(teamId)) this.seqs.set(teamId, seq);
    this.emit(teamId, { type: 'changed', cursor: String(seq) });
  }

  presence(teamId: string, event: PresenceEvent): void {
    this.emit(teamId, event);
  }

  /** Publishes presence to this process's listeners now and, through the database, to the others'. */
  async publishPresence(ctx: ServiceContext, event: PresenceEvent): Promise<void> {
    await ctx.scope.insertPresence(this.origin, event);
    this.presence(ctx.scope.teamId, event);
  }

  /**
   * Who is on which post now, for a channel that opens: the latest presence of each member at each
   * post within PRESENCE_TTL_MS, without those who left since. A member's service worker may have
   * been stopped (or its channel dropped) while teammates announced themselves; this is how it
   * learns again. The receiver counts a replayed presence from when it arrives, so one that is
   * never followed by `left` shows for at most twice the TTL.
   */
  async currentPresence(ctx: ServiceContext): Promise<PresenceEvent[]> {
    const latest = new Map<string, PresenceEvent>();
    for (const stored of await ctx.scope.recentPresence(Math.ceil(PRESENCE_TTL_MS / 1000))) {
      const parsed = ChannelEventSchema.safeParse(stored);
      if (!parsed.success || parsed.data.type !== 'presence') continue;
      const event = parsed.data;
      const key = JSON.stringify([event.memberHandle, event.postKey]);
      latest.delete(key);
      if (event.activity !== 'left') latest.set(key, event);
    }
    return [...latest.values()];
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private emit(teamId: string, event: ChannelEvent): void {
    for (const listener of this.listeners.get(teamId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** One look at the database for what other processes did. Public for tests. */
  async poll(): Promise<void> {
    if (this.polling || this.listeners.size === 0) return;
    this.polling = true;
    try {
      const teams = [...this.listeners.keys()];
      const seqs = await teamSeqs(this.db, teams);
      for (const [teamId, seq] of seqs) {
        if (!this.seqs.has(teamId)) this.seqs.set(teamId, seq); // first look: the stream sent the cursor itself
        else this.changed(teamId, seq);
      }
      if (this.presenceCursor === null) {
        this.presenceCursor = await lastPresenceId(this.db);
      } else {
        for (const row of await presenceSince(this.db, this.presenceCursor, teams, this.origin)) {
          this.presenceCursor = Math.max(this.presenceCursor, row.id);
          const parsed = ChannelEventSchema.safeParse(row.event);
          if (parsed.success && parsed.data.type === 'presence') this.presence(row.teamId, parsed.data);
        }
      }
      if (Date.now() - this.lastPrune > 60_000) {
        this.lastPrune = Date.now();
        await prunePresence(this.db, 300);
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.polling = false;
    }
  }
}
