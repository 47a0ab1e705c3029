import { useId } from 'react';
import { LEAD_TRANSITIONS, setLeadStatus, type AppDB } from '../../lib/db';
import type { Lead, LeadStatus } from '../../lib/model';
import { LEAD_STATUS_LABEL } from './format';
import { useAction, useServices } from './services';

/** The lead's status, with only the steps a lead may take from where it is. */
export function LeadStatusControl({ lead, me }: { lead: Lead; me: string }) {
  const { db, now } = useServices();
  const act = useAction();
  const id = useId();
  const options: LeadStatus[] = [lead.status, ...LEAD_TRANSITIONS[lead.status]];
  const change = (status: LeadStatus) => act(() => setLeadStatus(db as AppDB, lead.id, status, { me, now: now() }));
  return (
    <span className="sb-lead-status">
      <label htmlFor={id} className="sb-visually-hidden">
        Lead status
      </label>
      <select
        id={id}
        value={lead.status}
        disabled={options.length === 1}
        onChange={(e) => void change(e.target.value as LeadStatus)}
      >
        {options.map((s) => (
          <option key={s} value={s}>
            {LEAD_STATUS_LABEL[s]}
          </option>
        ))}
      </select>
    </span>
  );
}
