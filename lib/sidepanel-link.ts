import type { CustomerKey } from './model/ids';

/** The side panel page, opened straight on one customer (CONTRACT section 3). */
export function sidePanelPath(customer?: CustomerKey): `sidepanel.html${string}` {
  return customer ? `sidepanel.html?customer=${encodeURIComponent(customer)}` : 'sidepanel.html';
}
