import { ERASURE_RULE_IDS, isKvkNumber, isVatId } from '@ledger/regulations';
import { DomainError, type Decider } from '../shared/decider';
import type { CustomerCommand } from './commands';
import { customerStreamId, type CustomerEvent } from './events';
import { CUSTOMER_SNAPSHOT, evolveCustomer, initialCustomerState, type CustomerState } from './state';

/** Billing details are checked here too: the domain never records a VAT id or KvK number that is not one. */
function decideBillingDetails(
  command: Extract<CustomerCommand, { type: 'RecordCustomerBillingDetails' }>,
  state: CustomerState,
): CustomerEvent[] {
  if (state.status === 'unknown')
    throw new DomainError('CUSTOMER_NOT_FOUND', 404, `Customer ${command.customerId} is not registered`);
  if (state.erasedAt !== null)
    throw new DomainError('CUSTOMER_ERASED', 409, `Customer ${command.customerId} was erased: no new personal data`);
  const { customerId, legalName, address, invoiceEmail, kvkNumber, vatId, recordedAt } = command;
  if (state.kind === 'consumer' && (kvkNumber !== null || vatId !== null))
    throw new DomainError('CONSUMER_HAS_NO_VAT_ID', 422, 'kvkNumber and vatId are for business customers only');
  if (kvkNumber !== null && !isKvkNumber(kvkNumber))
    throw new DomainError('INVALID_KVK_NUMBER', 422, `kvkNumber: ${kvkNumber} is not 8 digits`);
  if (vatId !== null && !isVatId(vatId))
    throw new DomainError('INVALID_VAT_ID', 422, `vatId: ${vatId} is not a valid VAT identification number`);
  return [
    {
      type: 'CustomerBillingDetailsRecorded',
      data: { customerId, legalName, address, invoiceEmail, kvkNumber, vatId, recordedAt },
    },
  ];
}

export function decideCustomer(command: CustomerCommand, state: CustomerState): CustomerEvent[] {
  switch (command.type) {
    case 'RegisterCustomer': {
      if (state.status !== 'unknown') {
        throw new DomainError('CUSTOMER_ALREADY_EXISTS', 409, `Customer ${command.customerId} is already registered`);
      }
      const { customerId, kind, name, email, registeredAt } = command;
      return [{ type: 'CustomerRegistered', data: { customerId, kind, name, email, registeredAt } }];
    }
    case 'RecordCustomerBillingDetails':
      return decideBillingDetails(command, state);
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
