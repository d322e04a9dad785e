import type { DomainEvent } from '../shared/decider';
import type { OfferingComponent, OfferingTerms } from './terms';

export type OfferingDefined = DomainEvent<'OfferingDefined', OfferingTerms & { definedAt: string }>;

/**
 * A new price list for the offering. Recorded on the offering; each enrolment
 * decides what it means for its own agreement when the change is applied to it.
 */
export type OfferingPriceChanged = DomainEvent<
  'OfferingPriceChanged',
  {
    offeringId: string;
    changeId: string;
    changedAt: string;
    /** The change follows from the law (e.g. a tax change): some rulebooks then grant no dissolution right. */
    requiredByLaw: boolean;
    previousComponents: OfferingComponent[];
    components: OfferingComponent[];
    previousTotalNetCents: number;
    newTotalNetCents: number;
  }
>;

export type OfferingEvent = OfferingDefined | OfferingPriceChanged;

export const offeringStreamId = (offeringId: string): string => `offering-${offeringId}`;
