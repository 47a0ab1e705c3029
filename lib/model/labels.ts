/** Words for stages and departments, free of zod so the content script can show them cheaply. */
import type { Department, Stage } from './inference';

export const STAGE_LABEL: Record<Stage, string> = {
  'pre-purchase': 'Pre-purchase',
  purchase: 'Purchase',
  'post-purchase': 'Post-purchase',
  none: 'No stage',
};

export const DEPARTMENT_LABEL: Record<Department, string> = {
  marketing: 'Marketing',
  pr: 'PR',
  sales: 'Sales',
  service: 'Customer service',
  none: 'Nobody',
};
