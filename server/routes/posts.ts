import { z } from 'zod';
import { ApiErrorSchema, PostHistorySchema, PostKeySchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { postHistory } from '../services/team';

export const postRoutes = [
  defineRoute({
    operationId: 'postHistory',
    method: 'get',
    path: '/v1/posts/:postKey',
    summary: 'A post the team acted on: its latest snapshot, and its interactions, leads and assignments, newest first',
    tag: 'records',
    auth: 'member',
    params: z.object({ postKey: PostKeySchema.describe('`<site>:<post id>`, e.g. `x:1861000000000000001`') }),
    responses: { 200: PostHistorySchema, 404: ApiErrorSchema },
    async handler({ auth, params }) {
      return reply(200, await postHistory(auth.ctx, params.postKey));
    },
  }),
];
