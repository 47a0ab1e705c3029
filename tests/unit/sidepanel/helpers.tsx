import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { SidePanelApp } from '../../../components/sidepanel/SidePanelApp';
import type { DownloadFile } from '../../../components/sidepanel/services';
import type { AppDB } from '../../../lib/db';
import type { CustomerKey } from '../../../lib/model';

export function renderPanel(db: AppDB, options: { customer?: CustomerKey; now?: () => Date } = {}) {
  const downloads: DownloadFile[] = [];
  const download = vi.fn((file: DownloadFile) => void downloads.push(file));
  let select: ((key: CustomerKey) => void) | null = null;
  const view = render(
    <SidePanelApp
      db={db}
      initialCustomer={options.customer ?? null}
      download={download}
      now={options.now ?? (() => new Date())}
      subscribeSelection={(s) => {
        select = s;
        return () => {
          select = null;
        };
      }}
    />,
  );
  return { ...view, downloads, download, select: (key: CustomerKey) => select?.(key) };
}
