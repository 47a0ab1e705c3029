import type { AnyRoute } from '../http/define';
import { assignmentRoutes } from './assignments';
import { auditRoutes } from './audit';
import { customerRoutes } from './customers';
import { healthRoutes, openApiRoutes } from './health';
import { interactionRoutes } from './interactions';
import { leadRoutes } from './leads';
import { meRoutes } from './me';
import { memberRoutes } from './members';
import { postRoutes } from './posts';
import { settingsRoutes } from './settings';
import { syncRoutes } from './sync';
import { tokenRoutes } from './tokens';

/** Every route of the backend: what is mounted and what the OpenAPI document describes. */
export const ROUTES: readonly AnyRoute[] = [
  ...healthRoutes,
  ...openApiRoutes,
  ...meRoutes,
  ...memberRoutes,
  ...tokenRoutes,
  ...settingsRoutes,
  ...customerRoutes,
  ...postRoutes,
  ...interactionRoutes,
  ...leadRoutes,
  ...assignmentRoutes,
  ...auditRoutes,
  ...syncRoutes,
];
