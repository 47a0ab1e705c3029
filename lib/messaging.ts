import { z } from 'zod';
import {
  AssignmentSchema,
  CustomerKeySchema,
  DepartmentSchema,
  HandleSchema,
  InteractionKindSchema,
  InteractionSchema,
  LeadSchema,
  MemberSchema,
  LeadStatusSchema,
  PostKeySchema,
  PostRefSchema,
  RecordIdSchema,
  SiteSchema,
  StageSchema,
  TeamTermsSchema,
} from './model';

/**
 * The one protocol between content scripts, extension pages and the background. Each message has
 * a request and a response schema; the background validates every request before acting, because
 * content scripts live inside pages we do not control.
 */

/** The engine's answer as the badge showed it, carried with a click. */
export const SeenInferenceSchema = z.object({
  stage: StageSchema,
  department: DepartmentSchema,
  confidence: z.number().min(0).max(1),
});

/** What a badge shows of its author's history ("3 interactions · lead: contacted"). */
export const HistorySummarySchema = z.object({
  interactions: z.number().int().nonnegative(),
  lastInteraction: InteractionSchema.nullable(),
  lead: LeadSchema.nullable(),
});
export type HistorySummary = z.infer<typeof HistorySummarySchema>;

/** A teammate at a post lately ("dana is on it"), as the push channel told it. */
export const PresenceSchema = z.object({
  memberHandle: z.string(),
  activity: z.enum(['viewing', 'answering']),
  at: z.string().datetime({ offset: true }),
});
export type Presence = z.infer<typeof PresenceSchema>;

/** What a badge shows about its own post: who has it, and which teammates are at it now. */
export const PostStatusSchema = z.object({
  assignment: AssignmentSchema.nullable(),
  /** Teammates seen at the post in the last minute (never the member asking), newest first. */
  presence: z.array(PresenceSchema),
});
export type PostStatus = z.infer<typeof PostStatusSchema>;

/** A teammate a post can be given to, as the badge's assign row lists them. */
export const AssignableMemberSchema = MemberSchema.pick({ handle: true, displayName: true, department: true });
export type AssignableMember = z.infer<typeof AssignableMemberSchema>;

const Ok = <T extends z.ZodRawShape>(shape: T) => z.object({ ok: z.literal(true), ...shape });

export const protocol = {
  /** Posts the feed runtime read in one frame: stage observations for the history. */
  'posts.seen': {
    request: z.object({
      items: z.array(z.object({ post: PostRefSchema, inference: SeenInferenceSchema })).max(200),
    }),
    response: Ok({ stored: z.number().int().nonnegative() }),
  },
  'interaction.log': {
    request: z.object({
      post: PostRefSchema,
      inference: SeenInferenceSchema,
      kind: InteractionKindSchema.default('reply'),
      note: z.string().max(2000).default(''),
    }),
    /** `duplicate`: the same member logged the same post less than a minute ago. */
    response: Ok({ interaction: InteractionSchema, duplicate: z.boolean() }),
  },
  'interaction.undo': {
    request: z.object({ id: RecordIdSchema }),
    response: Ok({}),
  },
  'lead.flag': {
    request: z.object({ post: PostRefSchema, inference: SeenInferenceSchema }),
    /** `created` false: the customer already had an open lead, which comes back. */
    response: Ok({ lead: LeadSchema, created: z.boolean() }),
  },
  'lead.status': {
    request: z.object({ id: RecordIdSchema, status: LeadStatusSchema }),
    response: Ok({ lead: LeadSchema }),
  },
  'history.summary': {
    request: z.object({ customerKeys: z.array(CustomerKeySchema).max(200) }),
    response: Ok({ summaries: z.record(z.string(), HistorySummarySchema) }),
  },
  /**
   * Give the post to a department's queue (no assignee), to a member, or (`route`) to the
   * department's queue with the team backend asked to pick the member.
   */
  'assignment.create': {
    request: z
      .object({
        post: PostRefSchema,
        inference: SeenInferenceSchema,
        department: DepartmentSchema,
        assignee: HandleSchema.nullable().optional(),
        route: z.boolean().default(false),
      })
      .refine((r) => !r.route || ((r.assignee ?? null) === null && r.department !== 'none'), {
        message: 'only a post given to a department, to nobody in particular, can be routed',
        path: ['route'],
      }),
    response: Ok({ assignment: AssignmentSchema, created: z.boolean() }),
  },
  /**
   * Who a post can be given to: the team's active members, as the backend last listed them.
   * `connected` false: no team server, so nobody to name and nothing to route.
   */
  'team.members': {
    request: z.object({}),
    response: Ok({ connected: z.boolean(), members: z.array(AssignableMemberSchema) }),
  },
  /** `Claim`: the post's assignment becomes mine (created when the post has none yet). */
  'assignment.claim': {
    request: z.object({ post: PostRefSchema, inference: SeenInferenceSchema }),
    response: Ok({ assignment: AssignmentSchema, created: z.boolean() }),
  },
  'assignment.done': {
    request: z.object({ id: RecordIdSchema }),
    response: Ok({ assignment: AssignmentSchema }),
  },
  /** The badges' own posts: assignment and teammates' presence. `me`: the member asking. */
  'post.status': {
    request: z.object({ postKeys: z.array(PostKeySchema).max(200) }),
    response: Ok({ me: z.string(), statuses: z.record(z.string(), PostStatusSchema) }),
  },
  /** The member opened a post's card or started answering it: tell the team (best effort). */
  'presence.announce': {
    request: z.object({ postKey: PostKeySchema, activity: z.enum(['viewing', 'answering']) }),
    /** `sent` false: not connected, or the backend could not be reached (nothing is queued). */
    response: Ok({ sent: z.boolean() }),
  },
  /** What a page's content script needs before it starts: is its site on, and the team's terms. */
  'feed.settings': {
    request: z.object({ site: SiteSchema }),
    response: Ok({ enabled: z.boolean(), terms: TeamTermsSchema }),
  },
  'sidepanel.open': {
    request: z.object({ customerKey: CustomerKeySchema }),
    response: Ok({}),
  },
} as const;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = z.input<Protocol[N]['request']>;
export type ParsedRequestOf<N extends MessageName> = z.output<Protocol[N]['request']>;
export type ResponseOf<N extends MessageName> = z.infer<Protocol[N]['response']>;

/** Every failure has the same shape, so a caller can always show `error` to the person. */
export const FailureSchema = z.object({ ok: z.literal(false), error: z.string() });
export type Failure = z.infer<typeof FailureSchema>;

export const EnvelopeSchema = z.object({
  name: z.enum(Object.keys(protocol) as [MessageName, ...MessageName[]]),
  payload: z.unknown(),
});

export type Handlers = {
  [N in MessageName]: (payload: ParsedRequestOf<N>, sender: { tabId?: number }) => Promise<ResponseOf<N>>;
};

/**
 * Validate and dispatch one incoming message. Unknown names and malformed payloads are refused
 * with a clear error and never reach a handler; a handler's own error is reported, not thrown.
 */
export async function dispatch(
  handlers: Handlers,
  raw: unknown,
  sender: { tabId?: number },
  log: (message: string) => void = console.warn,
): Promise<unknown> {
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    log('Switchboard: refused a message that is not ours');
    return { ok: false, error: 'Unknown message' } satisfies Failure;
  }
  const { name, payload } = envelope.data;
  const parsed = protocol[name].request.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'payload';
    log(`Switchboard: refused a malformed ${name} message (${where}: ${issue?.message})`);
    return { ok: false, error: `Malformed ${name}: ${where}: ${issue?.message}` } satisfies Failure;
  }
  try {
    const handler = handlers[name] as (p: unknown, s: { tabId?: number }) => Promise<unknown>;
    return await handler(parsed.data, sender);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`Switchboard: ${name} failed: ${message}`);
    return { ok: false, error: message } satisfies Failure;
  }
}
