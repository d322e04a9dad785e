/**
 * Participant events recorded before licences became a rulebook's acts. Every participant then was
 * a SPOT member, and the first tier evaluation was computed from the invoice date where it was
 * needed (SPOT-I2) instead of being recorded. These upcasters add what the events carry today:
 * - ParticipantRegistered v1 -> v2: `rulebookId` ('spot-lms') and `nextInvoiceDate` (the first
 *   invoice date after joining, null while no invoice date is agreed);
 * - InvoiceDateAnchored v1 -> v2: `nextInvoiceDate` (the invoice date's first anniversary).
 * Idempotent: data that already has the fields (written by code that stamped it version 1) passes.
 */
import { toLocalDate } from '../../calendar';
import type { RulebookUpcaster } from '../../contract/licences';
import { billingYearOf } from './decisions/billing-year';

const SPOT_LMS = 'spot-lms';

const dateOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const spotParticipantRegisteredV1ToV2: RulebookUpcaster = {
  eventType: 'ParticipantRegistered',
  fromSchemaVersion: 1,
  upcast(data) {
    const invoiceDate = dateOrNull(data['invoiceDate']);
    const registeredAt = dateOrNull(data['registeredAt']);
    return {
      ...data,
      rulebookId: typeof data['rulebookId'] === 'string' ? data['rulebookId'] : SPOT_LMS,
      nextInvoiceDate:
        'nextInvoiceDate' in data
          ? data['nextInvoiceDate']
          : invoiceDate === null || registeredAt === null
            ? null
            : billingYearOf(invoiceDate, toLocalDate(registeredAt)).next,
    };
  },
};

export const spotInvoiceDateAnchoredV1ToV2: RulebookUpcaster = {
  eventType: 'InvoiceDateAnchored',
  fromSchemaVersion: 1,
  upcast(data) {
    if ('nextInvoiceDate' in data) return data;
    const invoiceDate = dateOrNull(data['invoiceDate']);
    return { ...data, nextInvoiceDate: invoiceDate === null ? null : billingYearOf(invoiceDate, invoiceDate).next };
  },
};

/** Every upcaster of the spot-lms rulebook. */
export const spotLmsUpcasters: readonly RulebookUpcaster[] = [
  spotParticipantRegisteredV1ToV2,
  spotInvoiceDateAnchoredV1ToV2,
];
