import type { Context } from 'hono';
import { findTokenByHash, recordTokenUse } from '../db/global';
import { TeamScope } from '../db/scope';
import { TOKEN_PATTERN, hashToken, sameHash } from '../services/tokens';
import type { AppDeps, AuthContext } from './define';
import { HttpError, forbidden } from './errors';
import { describeError } from './log';

/**
 * Bearer tokens only (no cookies, no token in URLs). Every request looks the token up again, so a
 * revoked token or a deactivated member is refused from the next request on, in every process.
 * Last use is written at most once a minute per token.
 */

const LAST_USE_EVERY_MS = 60_000;
const challenge = { 'WWW-Authenticate': 'Bearer realm="switchboard"' };

function unauthorized(code: string, message: string): HttpError {
  return new HttpError(401, code, message, {}, undefined, challenge);
}

export async function authenticate(c: Context, deps: AppDeps, adminOnly: boolean): Promise<AuthContext> {
  const header = c.req.header('authorization');
  if (!header) throw unauthorized('unauthenticated', 'send your API token as Authorization: Bearer <token>');
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw unauthorized('unauthenticated', 'the Authorization header must be "Bearer <token>"');
  const token = match[1]!;
  if (!TOKEN_PATTERN.test(token)) throw unauthorized('invalid_token', 'this is not a Switchboard API token');

  const tokenHash = hashToken(token);
  const owner = await findTokenByHash(deps.database.db, tokenHash);
  // The lookup is by hash; the comparison that decides is constant-time.
  if (!owner || !sameHash(owner.tokenHash, tokenHash)) throw unauthorized('invalid_token', 'unknown API token');
  if (owner.revoked) throw unauthorized('token_revoked', 'this API token was revoked');
  if (!owner.member.active) throw unauthorized('member_inactive', 'this member was removed from the team');

  const wait = deps.limiter.take(owner.tokenId);
  if (wait !== null) {
    throw new HttpError(429, 'rate_limited', `too many requests for this token; retry in ${wait} s`, {}, undefined, {
      'Retry-After': String(wait),
    });
  }
  if (adminOnly && owner.member.role !== 'admin') throw forbidden('only a team admin may do this');

  if (!owner.lastUsedAt || Date.now() - owner.lastUsedAt.getTime() > LAST_USE_EVERY_MS) {
    await recordTokenUse(deps.database.db, owner.tokenId).catch((error) =>
      deps.log.error('could not record token use', describeError(error)),
    );
  }

  return {
    tokenId: owner.tokenId,
    team: { id: owner.teamId, name: owner.teamName },
    history: owner.history,
    member: owner.member,
    ctx: {
      scope: new TeamScope(deps.database.db, owner.teamId),
      actor: { handle: owner.member.handle, role: owner.member.role },
      notifier: deps.channel,
    },
  };
}
