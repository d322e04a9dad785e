import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { Alert, Button, Card, Group, Input, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { api, newCommandId, postXml, seg } from '../api';
import { ErrorNotice, LoadedView, useGet } from '../components';
import { euros } from '../format';
import { useI18n, type MessageKey } from '../i18n';

interface ImportSummary {
  statementId: string;
  entries: number;
  matched: number;
  unmatched: number;
  debits: number;
  newPayments: number;
}

interface Suggestion {
  invoiceId: string;
  invoiceNumber: string | null;
  customerId: string;
  outstandingCents: number;
  dueDate: string;
}

interface StatementLine {
  lineId: string;
  amountCents: number;
  unallocatedCents: number;
  bookingDate: string;
  counterpartyName: string | null;
  structuredReference: string | null;
  remittanceText: string;
  status: 'matched' | 'unmatched' | 'partly-allocated' | 'debit';
  suggestions: Suggestion[];
}

const SUMMARY_FIGURES: Array<[keyof ImportSummary, MessageKey]> = [
  ['entries', 'statementEntries'],
  ['matched', 'statementMatched'],
  ['unmatched', 'statementUnmatched'],
  ['debits', 'statementDebits'],
  ['newPayments', 'statementNewPayments'],
];

/** Bank-statement import (camt.053): the file's result, then the unmatched queue, allocated by hand. */
export function BankImport() {
  const { t } = useI18n();
  const fileInputId = useId();
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setError(null);
    setSummary(null);
    setUploading(true);
    try {
      setSummary(await postXml<ImportSummary>('/bank-statements', await file.text()));
    } catch (failure) {
      setError(failure);
    } finally {
      setUploading(false);
    }
  }

  return (
    <Stack>
      <Input.Wrapper label={t('statementFile')} description={t('statementFileHint')} id={fileInputId}>
        <input
          id={fileInputId}
          type="file"
          accept=".xml,application/xml,text/xml"
          onChange={upload}
          disabled={uploading}
        />
      </Input.Wrapper>
      <ErrorNotice error={error} />
      {summary && (
        <>
          <SimpleGrid cols={{ base: 2, md: 5 }} data-testid="import-summary" role="status">
            {SUMMARY_FIGURES.map(([field, label]) => (
              <Card withBorder key={field}>
                <Text size="xs" c="dimmed">
                  {t(label)}
                </Text>
                <Text size="lg" fw={600}>
                  {summary[field]}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <UnmatchedQueue statementId={summary.statementId} />
        </>
      )}
    </Stack>
  );
}

function UnmatchedQueue({ statementId }: { statementId: string }) {
  const { t } = useI18n();
  const statement = useGet<{ lines: StatementLine[] }>(`/bank-statements/${seg(statementId)}`);
  // Kept here, not on the line: an allocated line leaves the queue when the statement reloads.
  const [allocatedTo, setAllocatedTo] = useState<string | null>(null);
  return (
    <LoadedView loaded={statement}>
      {({ lines }) => {
        const open = lines.filter((l) => l.status === 'unmatched' || l.status === 'partly-allocated');
        return (
          <Stack data-testid="unmatched-lines">
            <Text fw={600}>{t('unmatchedLines')}</Text>
            {allocatedTo && (
              <Alert color="green" role="status" data-testid="allocated">
                {t('allocatedTo')} {allocatedTo}
              </Alert>
            )}
            {open.length === 0 && <Text size="sm">{t('nothingUnmatched')}</Text>}
            {open.map((line) => (
              <UnmatchedLine
                key={line.lineId}
                line={line}
                onAllocated={(label) => {
                  setAllocatedTo(label);
                  statement.reload();
                }}
              />
            ))}
          </Stack>
        );
      }}
    </LoadedView>
  );
}

function UnmatchedLine({ line, onAllocated }: { line: StatementLine; onAllocated: (label: string) => void }) {
  const { t } = useI18n();
  const [invoiceId, setInvoiceId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function allocate(toInvoiceId: string, label: string) {
    setError(null);
    setBusy(true);
    try {
      // The whole remainder of the line, under a fresh command id; buttons wait so one click is one allocation.
      await api('POST', `/bank-statement-lines/${seg(line.lineId)}/allocations`, {
        commandId: newCommandId(),
        invoiceId: toInvoiceId.trim(),
      });
      onAllocated(label);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const description = [line.counterpartyName, line.structuredReference, line.remittanceText]
    .filter(Boolean)
    .join(' · ');
  return (
    <Card withBorder data-testid={`line-${line.lineId}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{euros(line.unallocatedCents)}</Text>
          <Text size="sm" c="dimmed">
            {line.bookingDate}
          </Text>
        </Group>
        <Text size="sm">{description || '—'}</Text>
        {line.unallocatedCents < line.amountCents && (
          <Text size="sm" c="dimmed">
            {t('amount')}: {euros(line.amountCents)}
          </Text>
        )}
        <Text size="sm" fw={500}>
          {t('suggestions')}
        </Text>
        {line.suggestions.length === 0 && <Text size="sm">{t('noSuggestions')}</Text>}
        {line.suggestions.map((s) => {
          const label = s.invoiceNumber ?? s.invoiceId;
          return (
            <Group key={s.invoiceId} gap="sm">
              <Text size="sm">
                {label} · {s.customerId} · {t('outstanding')} {euros(s.outstandingCents)} · {t('dueDate')} {s.dueDate}
              </Text>
              <Button size="compact-sm" disabled={busy} onClick={() => allocate(s.invoiceId, label)}>
                {`${t('allocateTo')} ${label}`}
              </Button>
            </Group>
          );
        })}
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void allocate(invoiceId, invoiceId.trim());
          }}
        >
          <Group align="end">
            <TextInput
              label={t('otherInvoiceId')}
              value={invoiceId}
              onChange={(e) => setInvoiceId(e.currentTarget.value)}
              required
            />
            <Button type="submit" variant="outline" disabled={busy}>
              {t('allocate')}
            </Button>
          </Group>
        </form>
        <ErrorNotice error={error} />
      </Stack>
    </Card>
  );
}
