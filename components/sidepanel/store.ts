import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { CustomerKey, LeadStatus } from '../../lib/model';

/** UI state only: which view, which customer, the filters. Data lives in IndexedDB. */
export type PanelView = 'customer' | 'work' | 'leads' | 'search';

export interface Notice {
  tone: 'error' | 'info';
  text: string;
}

export interface PanelState {
  view: PanelView;
  customerKey: CustomerKey | null;
  leadStatus: LeadStatus | null;
  leadOwner: string | null;
  query: string;
  notice: Notice | null;
  show(view: PanelView): void;
  openCustomer(key: CustomerKey): void;
  setLeadFilter(filter: { status?: LeadStatus | null; owner?: string | null }): void;
  setQuery(query: string): void;
  notify(notice: Notice | null): void;
}

export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(initialCustomer: CustomerKey | null = null): PanelStore {
  return createStore<PanelState>()((set) => ({
    view: initialCustomer ? 'customer' : 'work',
    customerKey: initialCustomer,
    leadStatus: null,
    leadOwner: null,
    query: '',
    notice: null,
    show: (view) => set({ view }),
    openCustomer: (customerKey) => set({ view: 'customer', customerKey, notice: null }),
    setLeadFilter: (filter) =>
      set((s) => ({
        leadStatus: filter.status === undefined ? s.leadStatus : filter.status,
        leadOwner: filter.owner === undefined ? s.leadOwner : filter.owner,
      })),
    setQuery: (query) => set({ query }),
    notify: (notice) => set({ notice }),
  }));
}

export const PanelStoreContext = createContext<PanelStore | null>(null);

export function usePanel<T>(select: (state: PanelState) => T): T {
  const store = useContext(PanelStoreContext);
  if (!store) throw new Error('usePanel outside the side panel');
  return useStore(store, select);
}
