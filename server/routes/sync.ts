import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import {
  ApiErrorSchema,
  ChannelEventSchema,
  PULL_LIMIT_MAX,
  PresenceRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  type ChannelEvent,
} from '../../lib/model';
import { defineRoute, noContent, reply } from '../http/define';
import { negotiateEncoding } from '../services/pull-cache';
import { push } from '../services/sync';
import { limitParam } from './common';

export const syncRoutes = [
  defineRoute({
    operationId: 'syncPush',
    method: 'post',
    path: '/v1/sync/push',
    summary: 'Push a batch of mutations from the outbox (idempotent by mutationId)',
    description:
      'Applied in order, in one transaction. A mutation id seen before answers `duplicate` and changes nothing. ' +
      '`lead.put` and `assignment.put` are compare-and-set on `baseVersion` (null creates): a stale one answers ' +
      '`conflict` with the current record; an `assignment.put` with `route: true` and no assignee is routed like ' +
      '`POST /v1/assignments` with `route: true`. Observations and interactions are append-only. `customer.erase` is for admins. ' +
      '`interaction.retract` marks an interaction retracted (only the member who logged it; the interaction itself stays).',
    tag: 'sync',
    auth: 'member',
    body: PushRequestSchema,
    responses: { 200: PushResponseSchema },
    async handler({ auth, body }) {
      return reply(200, { results: await push(auth.ctx, body.mutations) });
    },
  }),
  defineRoute({
    operationId: 'syncChanges',
    method: 'get',
    path: '/v1/sync/changes',
    summary: 'Pull the changes after a cursor, in the order the server accepted them',
    description: 'Without `since`, from the beginning. Keep pulling with the answer\'s `cursor` while `hasMore`.',
    tag: 'sync',
    auth: 'member',
    query: z.object({
      since: z
        .string()
        .regex(/^\d{1,15}$/, 'since is the `cursor` of a previous pull')
        .optional()
        .describe('the `cursor` of the previous pull'),
      limit: limitParam(PULL_LIMIT_MAX, PULL_LIMIT_MAX),
    }),
    responses: { 200: PullResponseSchema, 409: ApiErrorSchema },
    async handler({ auth, query, deps, c }) {
      // Assembled as text from changes checked against ChangeSchema when written (see pullJson); the schema above is the
      // contract. Full pages come from this process's cache, compressed once (see pull-cache.ts); the
      // token was checked and the team taken from it before (authenticate), so a page is the team's own.
      const encoding = negotiateEncoding(c.req.header('accept-encoding'));
      const answer = await deps.pullCache.pull(auth.ctx, auth.history, Number(query.since ?? '0'), query.limit, encoding);
      return c.newResponse(answer.body as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/json; charset=UTF-8',
        ...(answer.encoding === 'identity' ? {} : { 'Content-Encoding': answer.encoding }),
        Vary: 'Origin, Accept-Encoding',
      });
    },
  }),
  defineRoute({
    operationId: 'syncChannel',
    method: 'get',
    path: '/v1/sync/channel',
    summary: 'The push channel: server-sent events telling the team that something changed, and presence',
    description:
      'Read it with fetch() and a stream reader (EventSource cannot send the Authorization header). The first event is ' +
      "`changed` with the team's current cursor, then the team's current `presence` (each member's latest at each post " +
      "within the last minute); then `changed` whenever the team's changes move (within a poll interval when another " +
      'backend process made them), and `presence` as it comes. A comment line comes every heartbeat; a revoked ' +
      'token ends the stream with an `error` event, before anything more is delivered to it.',
    tag: 'sync',
    auth: 'member',
    responses: { 200: ChannelEventSchema },
    stream: { event: ChannelEventSchema },
    async handler({ auth, deps, c }) {
      const { ctx, tokenId } = auth;
      const seq = await ctx.scope.currentSeq();
      const heartbeatMs = deps.config.channelHeartbeatMs;
      return streamSSE(c, async (stream) => {
        const queue: ChannelEvent[] = [{ type: 'changed', cursor: String(seq) }];
        let wake: (() => void) | null = null;
        const unsubscribe = deps.channel.subscribe(
          ctx.scope.teamId,
          (event) => {
            queue.push(event);
            wake?.();
          },
          seq,
        );
        stream.onAbort(() => wake?.());
        try {
          // Before anything published meanwhile (queued after it), so that a newer event still has the last word.
          // Best effort: a channel without it still carries the changes.
          queue.splice(1, 0, ...(await deps.channel.currentPresence(ctx).catch(() => [])));
          let lastCheck = Date.now();
          const revoked = async () => {
            lastCheck = Date.now();
            if (await ctx.scope.tokenStillValid(tokenId)) return false;
            const error = { error: { code: 'token_revoked', message: 'this API token was revoked or its member removed' } };
            await stream.writeSSE({ event: 'error', data: JSON.stringify(error) });
            return true;
          };
          let first = true;
          while (!stream.aborted && !stream.closed) {
            // A revoked token hears nothing more: checked before every delivery after the first (one
            // indexed read, far cheaper than the pull each delivery sets off), and at every heartbeat.
            if (queue.length > 0 && !first && (await revoked())) break;
            first = false;
            while (queue.length > 0) {
              const event = ChannelEventSchema.parse(queue.shift());
              await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
            }
            let timer: NodeJS.Timeout | undefined;
            await new Promise<void>((resolve) => {
              wake = resolve;
              timer = setTimeout(resolve, heartbeatMs);
            });
            clearTimeout(timer);
            wake = null;
            if (stream.aborted) break;
            if (Date.now() - lastCheck >= heartbeatMs) {
              if (await revoked()) break;
              await stream.write(': ping\n\n');
            }
          }
        } finally {
          unsubscribe();
        }
      });
    },
  }),
  defineRoute({
    operationId: 'publishPresence',
    method: 'post',
    path: '/v1/presence',
    summary: "Tell the team you are looking at, answering, or leaving a post (sent on the team's channel)",
    tag: 'sync',
    auth: 'member',
    body: PresenceRequestSchema,
    responses: { 204: null },
    async handler({ auth, body, deps }) {
      await deps.channel.publishPresence(auth.ctx, {
        type: 'presence',
        memberHandle: auth.member.handle,
        postKey: body.postKey,
        activity: body.activity,
        at: new Date().toISOString(),
      });
      return noContent();
    },
  }),
];
