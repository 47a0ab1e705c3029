import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditListSchema,
  InteractionListSchema,
  PullResponseSchema,
  PushResponseSchema,
  type Change,
  type Interaction,
  type Mutation,
  type PushResult,
} from '../../lib/model';
import { client, interaction, makeTeam, mutation, openTestDatabase, testApp, type TestDatabase } from './helpers';

/**
 * `interaction.retract`: the badge's Undo after the interaction was pushed. The interaction stays
 * (append-only), a retraction marks it, pull tells teammates, only its author may, once.
 */

let test: TestDatabase;
let admin: ReturnType<typeof client>;
let sam: ReturnType<typeof client>;
let dana: ReturnType<typeof client>;

beforeAll(async () => {
  test = await openTestDatabase();
  const app = testApp(test.database);
  const team = await makeTeam(test.database, 'Retract team', 'ann');
  admin = client(app, team.token);
  sam = client(app, await team.member('sam', 'sales'));
  dana = client(app, await team.member('dana', 'service'));
});

afterAll(async () => {
  await test.close();
});

function retract(record: Pick<Interaction, 'id' | 'customerKey'>): Mutation {
  return { mutationId: uuidv7(), createdAt: new Date().toISOString(), type: 'interaction.retract', interactionId: record.id, customerKey: record.customerKey };
}

async function push(api: ReturnType<typeof client>, mutations: Mutation[]): Promise<PushResult[]> {
  const answer = await api.post('/v1/sync/push', { mutations });
  expect(answer.status, answer.text).toBe(200);
  return PushResponseSchema.parse(answer.body).results;
}

async function changesSince(api: ReturnType<typeof client>, since: string): Promise<{ changes: Change[]; cursor: string }> {
  const answer = await api.get(`/v1/sync/changes?since=${since}`);
  expect(answer.status, answer.text).toBe(200);
  const page = PullResponseSchema.parse(answer.body);
  return { changes: page.changes, cursor: page.cursor };
}

async function listed(customerKey: string): Promise<string[]> {
  const answer = await admin.get(`/v1/interactions?customerKey=${customerKey}`);
  expect(answer.status, answer.text).toBe(200);
  return InteractionListSchema.parse(answer.body).interactions.map((i) => i.id);
}

describe('interaction.retract', () => {
  it('marks a pushed interaction retracted: listings leave it out, pull tells the team, the audit log says who', async () => {
    const customer = 'x:undo_after_push';
    const kept = interaction(customer);
    const undone = interaction(customer);
    await push(sam, [mutation.interaction(kept), mutation.interaction(undone)]);
    const { cursor } = await changesSince(dana, '0');

    expect(await push(sam, [retract(undone)])).toEqual([{ mutationId: expect.any(String), status: 'applied' }]);

    const { changes } = await changesSince(dana, cursor);
    expect(changes).toEqual([
      {
        seq: Number(cursor) + 1,
        kind: 'interaction.retracted',
        record: { id: undone.id, customerKey: customer, retractedBy: 'sam', retractedAt: expect.any(String) },
      },
    ]);
    expect(await listed(customer)).toEqual([kept.id]);
    const history = (await admin.get(`/v1/customers/${customer}`)).body as { interactions: Interaction[] };
    expect(history.interactions.map((i) => i.id)).toEqual([kept.id]);

    const audit = AuditListSchema.parse((await admin.get('/v1/audit?limit=50')).body).entries;
    expect(audit.find((e) => e.action === 'interaction.retract')).toMatchObject({ actor: 'sam', targetType: 'interaction', targetId: undone.id });
  });

  it('is idempotent: the same mutation again, or a second retraction, changes nothing', async () => {
    const record = interaction('x:undo_twice');
    await push(sam, [mutation.interaction(record)]);
    const once = retract(record);
    expect((await push(sam, [once]))[0]!.status).toBe('applied');
    const { cursor } = await changesSince(sam, '0');

    expect((await push(sam, [once]))[0]!.status).toBe('duplicate');
    expect((await push(sam, [retract(record)]))[0]!.status).toBe('duplicate');
    expect((await changesSince(sam, cursor)).changes).toEqual([]);
  });

  it('applies an interaction and its retraction pushed in one batch, in order', async () => {
    const customer = 'x:undo_same_batch';
    const record = interaction(customer);
    const { cursor } = await changesSince(sam, '0');
    expect((await push(sam, [mutation.interaction(record), retract(record)])).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await changesSince(sam, cursor)).changes.map((c) => c.kind)).toEqual(['interaction', 'interaction.retracted']);
    expect(await listed(customer)).toEqual([]);
  });

  it("refuses anyone but the interaction's author, an unknown interaction, and a wrong customer", async () => {
    const customer = 'x:not_yours';
    const record = interaction(customer);
    await push(sam, [mutation.interaction(record)]);
    const { cursor } = await changesSince(sam, '0');

    const [byDana] = await push(dana, [retract(record)]);
    expect(byDana).toMatchObject({ status: 'rejected', error: 'only sam, who logged this interaction, can retract it' });
    const [byAdmin] = await push(admin, [retract(record)]);
    expect(byAdmin).toMatchObject({ status: 'rejected' });
    const [unknown] = await push(sam, [retract({ id: uuidv7(), customerKey: customer })]);
    expect(unknown).toMatchObject({ status: 'rejected', error: expect.stringMatching(/no interaction with this id/) });
    const [elsewhere] = await push(sam, [retract({ id: record.id, customerKey: 'x:someone_else' })]);
    expect(elsewhere).toMatchObject({ status: 'rejected' });

    expect((await changesSince(sam, cursor)).changes).toEqual([]);
    expect(await listed(customer)).toEqual([record.id]);
    // A refused mutation is evaluated again on a retry (its id was not kept as applied).
    const refused = retract(record);
    expect((await push(dana, [refused]))[0]!.status).toBe('rejected');
    expect((await push(sam, [refused]))[0]!.status).toBe('applied');
  });

  it('goes with its interaction when the customer is erased', async () => {
    const customer = 'x:undo_then_erase';
    const record = interaction(customer, { note: 'private words' });
    await push(sam, [mutation.interaction(record), retract(record)]);
    expect((await push(admin, [mutation.erase(customer)]))[0]!.status).toBe('applied');
    const { changes } = await changesSince(sam, '0');
    expect(changes.filter((c) => 'record' in c && c.record.customerKey === customer)).toEqual([]);
    expect(JSON.stringify(changes)).not.toContain(record.id);
  });
});
