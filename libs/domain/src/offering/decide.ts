import { DomainError, type DecideContext, type Decider } from '../shared/decider';
import type { OfferingCommand } from './commands';
import { OfferingInputError } from './errors';
import { offeringStreamId, type OfferingEvent } from './events';
import { evolveOffering, initialOfferingState, OFFERING_SNAPSHOT, type OfferingState } from './state';
import { MAX_COMPONENTS, normaliseOfferingTerms, offeringCatalogueOf, totalNetCents } from './terms';

/** Price changes kept per offering; an offering that outgrows it is a new offering. */
export const MAX_PRICE_CHANGES = 50;

export function decideOffering(command: OfferingCommand, state: OfferingState, ctx: DecideContext): OfferingEvent[] {
  switch (command.type) {
    case 'DefineOffering': {
      // Malformed terms are bad input whether or not the id is taken.
      const catalogue = offeringCatalogueOf(ctx.rulebooks, command.terms.rulebookId, command.definedAt);
      const terms = normaliseOfferingTerms(command.terms, catalogue);
      if (state.status !== 'unknown')
        throw new DomainError(
          'OFFERING_ALREADY_EXISTS',
          409,
          `Offering ${command.terms.offeringId} is already defined`,
        );
      return [{ type: 'OfferingDefined', data: { ...terms, definedAt: command.definedAt } }];
    }
    case 'ChangeOfferingPrice': {
      if (state.status !== 'defined')
        throw new DomainError('OFFERING_NOT_FOUND', 404, `Offering ${command.offeringId} does not exist`);
      if (state.priceChanges[command.changeId])
        throw new DomainError('PRICE_CHANGE_EXISTS', 409, `Price change ${command.changeId} is already recorded`);
      if (Object.keys(state.priceChanges).length >= MAX_PRICE_CHANGES) {
        throw new DomainError(
          'TOO_MANY_PRICE_CHANGES',
          409,
          `An offering keeps at most ${MAX_PRICE_CHANGES} price changes`,
        );
      }
      if (command.components.length === 0 || command.components.length > MAX_COMPONENTS) {
        throw new OfferingInputError('components', `components must name 1 to ${MAX_COMPONENTS} components`);
      }
      const previous = state.terms.components;
      command.components.forEach((c, i) => {
        if (!previous.some((p) => p.kind === c.kind))
          throw new OfferingInputError(`components[${i}].kind`, `the offering has no ${c.kind} component`);
        if (!Number.isSafeInteger(c.priceCents) || c.priceCents < 0)
          throw new OfferingInputError(`components[${i}].priceCents`, 'priceCents must be whole cents, 0 or more');
      });
      const components = previous.map((p) => ({
        kind: p.kind,
        priceCents: command.components.find((c) => c.kind === p.kind)?.priceCents ?? p.priceCents,
      }));
      return [
        {
          type: 'OfferingPriceChanged',
          data: {
            offeringId: command.offeringId,
            changeId: command.changeId,
            changedAt: command.changedAt,
            requiredByLaw: command.requiredByLaw,
            previousComponents: previous,
            components,
            previousTotalNetCents: totalNetCents(previous),
            newTotalNetCents: totalNetCents(components),
          },
        },
      ];
    }
  }
}

export const offeringDecider: Decider<OfferingCommand, OfferingEvent, OfferingState> = {
  streamIdOf: (command) =>
    offeringStreamId(command.type === 'DefineOffering' ? command.terms.offeringId : command.offeringId),
  initialState: initialOfferingState,
  evolve: evolveOffering,
  decide: decideOffering,
  snapshot: OFFERING_SNAPSHOT,
};
