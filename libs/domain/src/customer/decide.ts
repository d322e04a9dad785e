import { ERASURE_RULE_IDS } from '@ledger/regulations';
import { DomainError, type Decider } from '../shared/decider';
import type { CustomerCommand } from './commands';
import { customerStreamId, type CustomerEvent } from './events';
import { CUSTOMER_SNAPSHOT, evolveCustomer, initialCustomerState, type CustomerState } from './state';

export function decideCustomer(command: CustomerCommand, state: CustomerState): CustomerEvent[] {
  switch (command.type) {
    case 'RegisterCustomer': {
      if (state.status !== 'unknown') {
        throw new DomainError('CUSTOMER_ALREADY_EXISTS', 409, `Customer ${command.customerId} is already registered`);
      }
      const { customerId, kind, name, email, registeredAt } = command;
      return [{ type: 'CustomerRegistered', data: { customerId, kind, name, email, registeredAt } }];
    }
    case 'EraseCustomerPersonalData': {
      if (state.status === 'unknown') {
        if (command.reason === 'retention') return [];
        throw new DomainError('CUSTOMER_NOT_FOUND', 404, `Customer ${command.customerId} is not registered`);
      }
      // Erasure is permanent; asking again changes nothing (the key is already gone).
      if (state.erasedAt !== null) return [];
      const ruleIds = [...ERASURE_RULE_IDS[command.reason]];
      return [
        {
          type: 'CustomerPersonalDataErased',
          data: { customerId: command.customerId, erasedAt: command.requestedAt, reason: command.reason, ruleIds },
        },
      ];
    }
  }
}

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  streamIdOf: (command) => customerStreamId(command.customerId),
  initialState: initialCustomerState,
  evolve: evolveCustomer,
  decide: (command, state) => decideCustomer(command, state),
  snapshot: CUSTOMER_SNAPSHOT,
};
