import { invariant, type SnapshotSpec } from '../shared/decider';
import type { OfferingEvent, OfferingPriceChanged } from './events';
import type { OfferingTerms } from './terms';

/**
 * The state holds no personal data, so the command pipeline keeps it in memory between commands
 * (every enrolment reads its offering; docs/decisions.md D24). Raise the version when it changes.
 */
export const OFFERING_SNAPSHOT: SnapshotSpec = { name: 'offering', version: 1 };

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
