/**
 * Each provider's legal and payment details (configuration: provider-billing.json), checked when
 * the API loads them so an invoice never shows an IBAN, KvK number or VAT id that is not one.
 */
import { UnprocessableEntityException } from '@nestjs/common';
import type { BillingAddress } from '@ledger/domain';
import { isIban, isKvkNumber, isVatId, type RulebookId } from '@ledger/regulations';
import CONFIGURED from './provider-billing.json';

export interface ProviderBilling {
  provider: RulebookId;
  legalName: string;
  address: BillingAddress;
  kvkNumber: string;
  vatId: string;
  iban: string;
  bic: string;
  email: string;
}

function checked(provider: string, details: Omit<ProviderBilling, 'provider'>): ProviderBilling {
  const problems = [
    isIban(details.iban) ? null : 'iban',
    isKvkNumber(details.kvkNumber) ? null : 'kvkNumber',
    isVatId(details.vatId) ? null : 'vatId',
    /^[A-Z]{2}$/.test(details.address.countryCode) ? null : 'address.countryCode',
  ].filter((field) => field !== null);
  if (problems.length > 0) throw new Error(`provider-billing.json: ${provider} has an invalid ${problems.join(', ')}`);
  return { provider, ...details };
}

const PROVIDERS: ReadonlyMap<string, ProviderBilling> = new Map(
  Object.entries(CONFIGURED.providers).map(([provider, details]) => [provider, checked(provider, details)]),
);

export function providerBillingOf(provider: RulebookId): ProviderBilling {
  const details = PROVIDERS.get(provider);
  if (!details)
    throw new UnprocessableEntityException({
      error: 'PROVIDER_BILLING_UNKNOWN',
      message: `No billing details are configured for provider ${provider} (provider-billing.json)`,
    });
  return details;
}

/** The provider paid on an IBAN, if one is configured (a bank statement's account names its provider). */
export function providerOfIban(iban: string): RulebookId | null {
  const normalized = iban.replace(/\s+/g, '').toUpperCase();
  for (const details of PROVIDERS.values()) if (details.iban === normalized) return details.provider;
  return null;
}
