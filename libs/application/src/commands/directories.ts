/**
 * The only read models the write path consults, and only to find which stream owns an id a client
 * names alone (a licence id, a payment id without its invoice, a decision id) or to refuse at once
 * an id another stream already uses. The owning aggregate then decides from its own stream. The
 * read model may lag an append made at the same instant; the claim of the id (claimGlobalId, D54)
 * is what makes it the owner's alone.
 */
import { DomainError, idClaimDecider, type ClaimedIdKind } from '@ledger/domain';
import type { CommandEnvelope, CommandPipeline } from '../command-pipeline';
import {
  DECISION_LOG,
  INVOICES,
  LICENCE_STATE,
  type DecisionLogDocument,
  type LicenceDirectoryDocument,
  type PaymentDirectoryDocument,
} from '@ledger/projections';
import type { ReadModels } from '../read-models';

export type PaymentDirectoryEntry = PaymentDirectoryDocument['entries'][number];

/** The participant that holds a licence id, if any (read-your-writes). */
export async function licenceHolder(readModels: ReadModels, licenceId: string): Promise<string | undefined> {
  await readModels.ready();
  const found = await readModels.get<LicenceDirectoryDocument>(LICENCE_STATE.name, LICENCE_STATE.directory, licenceId);
  return found?.body.participantId;
}

/** The participant whose stream holds a licence, or 404 LICENCE_NOT_FOUND. */
export async function participantOfLicence(readModels: ReadModels, licenceId: string): Promise<string> {
  const participantId = await licenceHolder(readModels, licenceId);
  if (participantId === undefined) throw new DomainError('LICENCE_NOT_FOUND', 404, `No licence ${licenceId}`);
  return participantId;
}

/** Every invoice a payment id was recorded on, in any stream (read-your-writes). */
export async function paymentEntries(readModels: ReadModels, paymentId: string): Promise<PaymentDirectoryEntry[]> {
  await readModels.ready();
  const found = await readModels.get<PaymentDirectoryDocument>(INVOICES.name, INVOICES.payments, paymentId);
  return found?.body.entries ?? [];
}

/** Where a decision is recorded (stream, revision, event id), if the decision log knows it. */
export async function decisionLocation(
  readModels: ReadModels,
  decisionId: string,
): Promise<DecisionLogDocument | undefined> {
  await readModels.ready();
  return (await readModels.get<DecisionLogDocument>(DECISION_LOG.name, DECISION_LOG.collection, decisionId))?.body;
}

/**
 * Claims an id that must be unique across streams for its owner (D54); passed to the pipeline as
 * `beforeAppend`, so it runs once the owner decided the command with events, right before they are
 * appended. Of two owners claiming one id at the same moment exactly one wins, the other gets the
 * same 409 the directory gives. The claim is recorded under its own command id (the command's,
 * with a suffix); claiming again for the same owner appends nothing.
 */
export async function claimGlobalId(
  pipeline: CommandPipeline,
  claim: { kind: ClaimedIdKind; id: string; ownerId: string },
  envelope: CommandEnvelope,
): Promise<void> {
  await pipeline.execute(
    idClaimDecider,
    { type: 'ClaimId', ...claim },
    {
      ...envelope,
      commandId: `${envelope.commandId}/claim-${claim.kind}-id`,
      commandName: `${envelope.commandName}/ClaimId`,
      body: claim,
    },
  );
}
