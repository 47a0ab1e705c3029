import { describe, expect, it } from 'vitest';
import { csvCell, leadsToCsv, leadsToJson, splitName } from '../../../lib/db/csv';
import type { Customer, Lead } from '../../../lib/model';

const lead = (overrides: Partial<Lead> = {}): Lead => ({
  id: '01a207d6-81fb-7bed-bb35-19637421059b', customerKey: 'x:dana_buys',
  source: { site: 'x', postId: '1', postKey: 'x:1', permalink: 'https://x.com/dana_buys/status/1', text: 'price?', postedAt: null },
  status: 'new', owner: 'sam', note: '', createdAt: '2025-03-02T10:31:00.000Z', updatedAt: '2025-03-02T10:31:00.000Z', version: 1,
  ...overrides,
});
const customer = (displayName: string, handle = 'dana_buys'): Customer => ({
  key: `x:${handle}`, site: 'x', handle, displayName, firstSeenAt: '2025-03-01T00:00:00.000Z', lastSeenAt: '2025-03-01T00:00:00.000Z', lastStage: 'purchase',
});

describe('CSV for CRMs', () => {
  it('has the CRM columns and one row per lead', () => {
    const csv = leadsToCsv([{ lead: lead(), customer: customer('Dana María Ruiz') }]);
    expect(csv).toBe(
      'First Name,Last Name,Handle,Profile URL,Source Post URL,Status,Owner,Created\r\n' +
        'Dana María,Ruiz,dana_buys,https://x.com/dana_buys,https://x.com/dana_buys/status/1,new,sam,2025-03-02T10:31:00.000Z\r\n',
    );
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Ruiz, Dana')).toBe('"Ruiz, Dana"');
    expect(csvCell('the "best"')).toBe('"the ""best"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const evil of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvCell(evil);
      expect(cell.replace(/^"/, '').startsWith("'"), evil).toBe(true);
    }
    const csv = leadsToCsv([{ lead: lead(), customer: customer('=cmd|calc Ruiz') }]);
    expect(csv.split('\r\n')[1]!.startsWith("'=cmd|calc,Ruiz,")).toBe(true);
  });

  it('splits names the way CRMs need them', () => {
    expect(splitName('Cher', 'cher')).toEqual({ first: '', last: 'Cher' });
    expect(splitName('  ', 'dana_buys')).toEqual({ first: '', last: 'dana_buys' });
  });

  it('exports JSON with the customer of each lead', () => {
    const json = JSON.parse(leadsToJson([{ lead: lead(), customer: customer('Dana') }]));
    expect(json.leads[0]).toMatchObject({ status: 'new', customer: { handle: 'dana_buys' } });
  });
});
