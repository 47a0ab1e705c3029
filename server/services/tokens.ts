import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { TokenCreated, TokenInfo } from '../../lib/model';
import { HttpError, notFound } from '../http/errors';
import type { ServiceContext } from './context';

/**
 * API tokens: `sb_` + 32 random bytes in base64url. Only the SHA-256 is stored; the token is shown
 * once, at creation. A token is never logged, and is compared with the stored hash in constant time.
 */

export const TOKEN_PREFIX = 'sb_';
export const TOKEN_PATTERN = /^sb_[A-Za-z0-9_-]{43}$/;

export function generateToken(): { token: string; tokenHash: string; hint: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token), hint: token.slice(0, 9) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function createToken(ctx: ServiceContext, input: { handle: string; label: string }): Promise<TokenCreated> {
  const member = await ctx.scope.getMember(input.handle);
  if (!member) throw notFound(`member ${input.handle}`);
  if (!member.active) throw new HttpError(409, 'member_inactive', `${input.handle} is not an active member; reactivate them first`);
  const { token, tokenHash, hint } = generateToken();
  return ctx.scope.transaction(async (tx) => {
    const info = await tx.insertToken({ id: randomUUID(), memberHandle: member.handle, tokenHash, hint, label: input.label });
    await tx.appendAudit([
      { actor: ctx.actor.handle, action: 'token.create', targetType: 'token', targetId: info.id, detail: { memberHandle: member.handle, hint } },
    ]);
    return { ...info, token };
  });
}

export async function revokeToken(ctx: ServiceContext, id: string): Promise<TokenInfo> {
  return ctx.scope.transaction(async (tx) => {
    const info = await tx.revokeToken(id);
    if (!info) throw notFound('token');
    await tx.appendAudit([
      { actor: ctx.actor.handle, action: 'token.revoke', targetType: 'token', targetId: id, detail: { memberHandle: info.memberHandle } },
    ]);
    return info;
  });
}
