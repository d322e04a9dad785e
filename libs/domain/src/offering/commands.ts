import type { OfferingComponent, OfferingTerms } from './terms';

export interface DefineOffering {
  type: 'DefineOffering';
  terms: OfferingTerms;
  definedAt: string;
}

export interface ChangeOfferingPrice {
  type: 'ChangeOfferingPrice';
  offeringId: string;
  changeId: string;
  changedAt: string;
  /** New net prices of the components named; components not named keep their price. */
  components: OfferingComponent[];
  requiredByLaw: boolean;
}

export type OfferingCommand = DefineOffering | ChangeOfferingPrice;
