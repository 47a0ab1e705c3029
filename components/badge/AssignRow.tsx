import { useEffect, useId, useState } from 'react';
import type { BadgeView } from '../../lib/feed/runtime';
import type { Assignment } from '../../lib/model';
import type { Department } from '../../lib/model/inference';
import type { BadgeActions } from './Badge';
import { ASSIGNABLE_DEPARTMENTS, DEPARTMENT_SHORT } from './labels';
import { useBadgeStore } from './store';

/** Where a post goes from the assign row. */
export interface AssignTarget {
  department: Department;
  /** A member's handle; null: the department's queue. */
  assignee: string | null;
  /** Let the team server pick the member (assignee null). */
  route: boolean;
}

/** The "Who" choices besides a member (`member:<handle>`). */
const QUEUE = 'queue';
const ROUTE = 'route';
const MEMBER = 'member:';

function targetOf(department: Department, who: string): AssignTarget {
  if (who.startsWith(MEMBER)) return { department, assignee: who.slice(MEMBER.length), route: false };
  return { department, assignee: null, route: who === ROUTE };
}

interface AssignRowProps {
  view: BadgeView;
  actions: BadgeActions;
  assignment: Assignment | null;
  me: string | null;
}

/**
 * Claim, Done (mine and open), and Assign: to a department's queue, to a member of that
 * department, or to the team server's router (offered only while connected to a team). Built only
 * inside the open card. Members' names come from the team server and are shown as text only.
 */
export function AssignRow({ view, actions, assignment, me }: AssignRowProps) {
  const suggested = view.inference.department === 'none' ? 'service' : view.inference.department;
  const [department, setDepartment] = useState<Department>(assignment?.department && assignment.department !== 'none' ? assignment.department : suggested);
  const [who, setWho] = useState(assignment?.status === 'open' && assignment.assignee ? `${MEMBER}${assignment.assignee}` : QUEUE);
  const team = useBadgeStore((state) => state.team);
  const loadTeam = actions.loadTeam;
  useEffect(() => {
    loadTeam?.();
  }, [loadTeam]);
  const departmentId = useId();
  const whoId = useId();

  const open = assignment?.status === 'open';
  const mine = open && assignment.assignee !== null && assignment.assignee === me;
  const connected = team?.connected === true;
  const members = connected ? team.members.filter((member) => member.department === department) : [];
  // A choice no longer offered (another department picked, the connection gone) falls back to the queue.
  const offered = who === QUEUE || (who === ROUTE && connected) || members.some((member) => `${MEMBER}${member.handle}` === who);
  const choice = offered ? who : QUEUE;
  const field = { font: 'inherit', maxWidth: '100%' } as const;

  return (
    <div className="assign" role="group" aria-label="Assign" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px', alignItems: 'center', marginTop: '6px' }}>
      {!mine && assignment?.status !== 'done' && (
        <button type="button" onClick={() => actions.claim?.(view)}>
          Claim
        </button>
      )}
      {mine && (
        <button type="button" onClick={() => actions.done?.(view, assignment.id)}>
          Done
        </button>
      )}
      <label htmlFor={departmentId} style={{ marginInlineStart: '4px' }}>
        Department
      </label>
      <select id={departmentId} style={field} value={department} onChange={(event) => setDepartment(event.currentTarget.value as Department)}>
        {ASSIGNABLE_DEPARTMENTS.map((d) => (
          <option key={d} value={d}>
            {DEPARTMENT_SHORT[d]}
          </option>
        ))}
      </select>
      <label htmlFor={whoId}>Who</label>
      <select id={whoId} style={field} value={choice} onChange={(event) => setWho(event.currentTarget.value)}>
        <option value={QUEUE}>Anyone in {DEPARTMENT_SHORT[department]} (the queue)</option>
        {connected && <option value={ROUTE}>Let the team server route it</option>}
        {members.map((member) => (
          <option key={member.handle} value={`${MEMBER}${member.handle}`}>
            {member.displayName && member.displayName !== member.handle ? `${member.displayName} (@${member.handle})` : `@${member.handle}`}
            {member.handle === me ? ' · you' : ''}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => actions.assign?.(view, targetOf(department, choice))}>
        Assign
      </button>
    </div>
  );
}
