import { createSelector } from '@reduxjs/toolkit';
import type { WorkItem } from '../../../../common/workitem';
import type { RootState } from '../../app/store';
import { selectItemEntities } from '../inbox/inboxSelectors';
import { offersAdapter, type Offer } from './offersSlice';

const { selectAll } = offersAdapter.getSelectors((state: RootState) => state.offers);

export type OfferView = Offer & { item: WorkItem };

/** Offers to show as toasts, the one expiring first on top. Outbound items are dialed from their own section. */
export const selectOffers = createSelector([selectAll, selectItemEntities], (offers, items) =>
  offers
    .flatMap((offer) => {
      const item = items[offer.workitemId];
      return item && !item.actions.includes('dial') ? [{ ...offer, item }] : [];
    })
    .sort((a, b) => a.expiresAt - b.expiresAt),
);

/** An offer still rings while its deadline has not passed; the platform rescinds it soon after. */
export function isRinging(offer: Pick<Offer, 'expiresAt'>, now: number): boolean {
  return offer.expiresAt > now;
}
