import type { DomainEvent } from '../shared/decider';
import type { OfferingComponent, OfferingTerms } from './terms';

export type OfferingDefined = DomainEvent<'OfferingDefined', OfferingTerms & { definedAt: string }>;

/**
 * A new price list for the offering (PP-5.2, EXC-7.1-2). Recorded on the offering; each enrolment
 * decides what it means for its own agreement when the change is applied to it.
 */
export type OfferingPriceChanged = DomainEvent<
  'OfferingPriceChanged',
  {
    offeringId: string;
    changeId: string;
    changedAt: string;
    /** The change follows from the law (e.g. a tax change): EXC-7.1-2 grant no dissolution right. */
    requiredByLaw: boolean;
    previousComponents: OfferingComponent[];
    components: OfferingComponent[];
    previousTotalNetCents: number;
    newTotalNetCents: number;
  }
>;

export type OfferingEvent = OfferingDefined | OfferingPriceChanged;

export const offeringStreamId = (offeringId: string): string => `offering-${offeringId}`;
