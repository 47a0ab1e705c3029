/**
 * Leads as CSV for a CRM import (HubSpot and Salesforce both map these columns), and as JSON.
 * Cells are quoted per RFC 4180, and a cell that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) is prefixed with a single quote: a customer's display name
 * is text they chose, not something we let a spreadsheet execute.
 */
import type { Customer, Lead, Site } from '../model';

export const LEAD_CSV_COLUMNS = [
  'First Name',
  'Last Name',
  'Handle',
  'Profile URL',
  'Source Post URL',
  'Status',
  'Owner',
  'Created',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised if it would start a formula, quoted if it holds , " CR or LF. */
export function csvCell(value: string): string {
  let cell = FORMULA_START.test(value) ? `'${value}` : value;
  if (/[",\r\n]/.test(cell)) cell = `"${cell.replace(/"/g, '""')}"`;
  return cell;
}

export function profileUrl(site: Site, handle: string): string {
  switch (site) {
    case 'x':
      return `https://x.com/${encodeURIComponent(handle)}`;
    case 'facebook':
      return `https://www.facebook.com/${encodeURIComponent(handle)}`;
    case 'instagram':
      return `https://www.instagram.com/${encodeURIComponent(handle)}/`;
  }
}

/**
 * Split a display name for a CRM: the last word is the last name, the rest the first name.
 * A single word goes to Last Name (Salesforce requires one); no name at all gives the handle.
 */
export function splitName(displayName: string, handle: string): { first: string; last: string } {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { first: '', last: handle };
  if (words.length === 1) return { first: '', last: words[0]! };
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1]! };
}

export interface LeadExportRow {
  lead: Lead;
  customer: Customer | null;
}

function siteAndHandle(row: LeadExportRow): { site: Site; handle: string } {
  if (row.customer) return { site: row.customer.site, handle: row.customer.handle };
  const [site, ...rest] = row.lead.customerKey.split(':');
  return { site: site as Site, handle: rest.join(':') };
}

/** The CSV text (CRLF line ends, header row first; no byte-order mark). */
export function leadsToCsv(rows: readonly LeadExportRow[]): string {
  const lines = [LEAD_CSV_COLUMNS.map(csvCell).join(',')];
  for (const row of rows) {
    const { site, handle } = siteAndHandle(row);
    const name = splitName(row.customer?.displayName ?? '', handle);
    const cells = [
      name.first,
      name.last,
      handle,
      profileUrl(site, handle),
      row.lead.source.permalink ?? '',
      row.lead.status,
      row.lead.owner,
      row.lead.createdAt,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** The leads as JSON: the records as stored, with the customer each belongs to. */
export function leadsToJson(rows: readonly LeadExportRow[]): string {
  return JSON.stringify(
    { format: 'switchboard.leads-export', version: 1, leads: rows.map((r) => ({ ...r.lead, customer: r.customer })) },
    null,
    2,
  );
}
