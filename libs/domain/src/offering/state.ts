import { invariant } from '../shared/decider';
import type { OfferingEvent, OfferingPriceChanged } from './events';
import type { OfferingTerms } from './terms';

export type PriceChange = OfferingPriceChanged['data'];

export type OfferingState =
  | { status: 'unknown' }
  | { status: 'defined'; terms: OfferingTerms; definedAt: string; priceChanges: Record<string, PriceChange> };

export const initialOfferingState = (): OfferingState => ({ status: 'unknown' });

export function evolveOffering(state: OfferingState, event: OfferingEvent): OfferingState {
  switch (event.type) {
    case 'OfferingDefined': {
      invariant(state.status === 'unknown', 'an offering is defined once');
      const { definedAt, ...terms } = event.data;
      return { status: 'defined', terms, definedAt, priceChanges: {} };
    }
    case 'OfferingPriceChanged': {
      invariant(state.status === 'defined', 'a price change follows the definition');
      invariant(!state.priceChanges[event.data.changeId], `price change ${event.data.changeId} recorded once`);
      return {
        ...state,
        terms: { ...state.terms, components: event.data.components },
        priceChanges: { ...state.priceChanges, [event.data.changeId]: event.data },
      };
    }
  }
}
