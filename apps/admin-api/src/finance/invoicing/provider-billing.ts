/**
 * Each provider's legal and payment details: the shipped placeholders
 * (provider-billing.defaults.json) or the operator's file (LEDGER_PROVIDER_BILLING_FILE), checked
 * when the API starts (loadFinanceFiles, before the data directory is opened) so an invoice
 * never shows an IBAN, KvK number, VAT id or BIC that is not one.
 */
import * as fs from 'node:fs';
import { UnprocessableEntityException } from '@nestjs/common';
import type { BillingAddress } from '@ledger/domain';
import { isIban, isKvkNumber, isVatId, type RulebookId } from '@ledger/regulations';
import SHIPPED from './provider-billing.defaults.json';

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

const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DUTCH_POSTAL_CODE = /^[1-9]\d{3} ?[A-Z]{2}$/;
const text = (value: unknown, max = 200): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;

/** The problems of one provider's details, each the field's name; empty when they are valid. */
export function providerBillingProblems(details: Record<string, unknown>): string[] {
  const address = (details['address'] ?? {}) as Record<string, unknown>;
  const countryCode = address['countryCode'];
  const checks: Array<[string, boolean]> = [
    ['legalName', text(details['legalName'])],
    ['address.street', text(address['street'])],
    ['address.city', text(address['city'])],
    ['address.countryCode', typeof countryCode === 'string' && /^[A-Z]{2}$/.test(countryCode)],
    [
      'address.postalCode',
      text(address['postalCode'], 20) &&
        (countryCode !== 'NL' || DUTCH_POSTAL_CODE.test(address['postalCode'] as string)),
    ],
    // The KvK number has no check digit: eight digits is all there is to check.
    ['kvkNumber', typeof details['kvkNumber'] === 'string' && isKvkNumber(details['kvkNumber'])],
    ['vatId', typeof details['vatId'] === 'string' && isVatId(details['vatId'])],
    ['iban', typeof details['iban'] === 'string' && isIban(details['iban'])],
    ['bic', typeof details['bic'] === 'string' && BIC.test(details['bic'])],
    ['email', typeof details['email'] === 'string' && EMAIL.test(details['email'])],
  ];
  return checks.filter(([, ok]) => !ok).map(([field]) => field);
}

function providersOf(file: unknown, source: string): Map<string, ProviderBilling> {
  const providers = (file as { providers?: unknown } | null)?.providers;
  if (typeof providers !== 'object' || providers === null || Array.isArray(providers))
    throw new Error(`${source}: no "providers" object`);
  const checked = new Map<string, ProviderBilling>();
  for (const [provider, details] of Object.entries(providers as Record<string, Record<string, unknown>>)) {
    const problems = providerBillingProblems(details ?? {});
    if (problems.length > 0) throw new Error(`${source}: ${provider} has an invalid ${problems.join(', ')}`);
    const iban = (details['iban'] as string).replace(/\s+/g, '').toUpperCase();
    checked.set(provider, { ...(details as unknown as Omit<ProviderBilling, 'provider'>), iban, provider });
  }
  return checked;
}

let PROVIDERS: ReadonlyMap<string, ProviderBilling> = providersOf(SHIPPED, 'provider-billing.defaults.json');

/**
 * Reads and checks the operator's file, or the shipped placeholders without one; throws naming
 * the provider and every invalid field, so the API does not start with details that are not valid.
 */
export function loadProviderBilling(file: string | undefined): { source: string; providers: number } {
  if (!file) {
    PROVIDERS = providersOf(SHIPPED, 'provider-billing.defaults.json');
    return { source: 'provider-billing.defaults.json (placeholders)', providers: PROVIDERS.size };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`LEDGER_PROVIDER_BILLING_FILE ${file} cannot be read as JSON: ${String(error)}`, {
      cause: error,
    });
  }
  PROVIDERS = providersOf(parsed, `LEDGER_PROVIDER_BILLING_FILE ${file}`);
  return { source: file, providers: PROVIDERS.size };
}

export function providerBillingOf(provider: RulebookId): ProviderBilling {
  const details = PROVIDERS.get(provider);
  if (!details)
    throw new UnprocessableEntityException({
      error: 'PROVIDER_BILLING_UNKNOWN',
      message: `No billing details are configured for provider ${provider} (LEDGER_PROVIDER_BILLING_FILE)`,
    });
  return details;
}

/** The provider paid on an IBAN, if one is configured (a bank statement's account names its provider). */
export function providerOfIban(iban: string): RulebookId | null {
  const normalized = iban.replace(/\s+/g, '').toUpperCase();
  for (const details of PROVIDERS.values()) if (details.iban === normalized) return details.provider;
  return null;
}
