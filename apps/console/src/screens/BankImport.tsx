import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { Alert, Button, Card, Group, Input, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { api, newCommandId, postXml, seg } from '../api';
import { ErrorNotice, LoadedView, RecordsTable, useGet } from '../components';
import { centsOf, euros, typedEuros } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { useMe } from '../me';

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

interface StatementSummary {
  statementId: string;
  accountIban: string;
  bankStatementId: string;
  createdAt: string | null;
  importedAt: string;
  allocations: number;
  allocatedCents: number;
}

const SUMMARY_FIGURES: Array<[keyof ImportSummary, MessageKey]> = [
  ['entries', 'statementEntries'],
  ['matched', 'statementMatched'],
  ['unmatched', 'statementUnmatched'],
  ['debits', 'statementDebits'],
  ['newPayments', 'statementNewPayments'],
];

const INVOICE_NUMBER = /^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{6}$/i;

/**
 * Bank statements (camt.053): the import and its result, the earlier statements, and the unmatched
 * queue of the statement opened, allocated by hand in whole or in parts.
 */
export function BankImport() {
  const { t } = useI18n();
  const { may } = useMe();
  const fileInputId = useId();
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [listGeneration, setListGeneration] = useState(0);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setError(null);
    setSummary(null);
    setUploading(true);
    try {
      const imported = await postXml<ImportSummary>('/bank-statements', await file.text());
      setSummary(imported);
      setOpened(imported.statementId);
      setListGeneration((g) => g + 1);
    } catch (failure) {
      setError(failure);
    } finally {
      setUploading(false);
    }
  }

  return (
    <Stack>
      {may.bankStatements && (
        <>
          <Title order={2} size="h3">
            {t('bankImport')}
          </Title>
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
          )}
        </>
      )}
      {/* The statements and their lines are finance reads (GET /bank-statements...). */}
      {may.financeRead && opened && (
        <UnmatchedQueue key={opened} statementId={opened} onAllocated={() => setListGeneration((g) => g + 1)} />
      )}
      {may.financeRead && <StatementList key={listGeneration} opened={opened} onOpen={setOpened} />}
    </Stack>
  );
}

/** The imported statements, latest first, a page at a time (the API's cursor). */
function StatementList({ opened, onOpen }: { opened: string | null; onOpen: (statementId: string) => void }) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useGet<{ items: StatementSummary[]; nextCursor: string | null }>(
    `/bank-statements?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('earlierStatements')}
      </Title>
      <LoadedView loaded={page}>
        {({ items, nextCursor }) => (
          <>
            <RecordsTable
              caption={t('earlierStatements')}
              rows={items as unknown as Array<Record<string, unknown>>}
              columns={[
                [t('statementShown'), 'bankStatementId'],
                [t('account'), 'accountIban'],
                [t('importedAt'), 'importedAt'],
                [t('allocations'), 'allocations'],
                [t('allocated'), 'allocatedCents'],
                [t('open'), 'statementId'],
              ]}
              render={{
                statementId: (row) => (
                  <Button
                    size="compact-sm"
                    variant={row['statementId'] === opened ? 'filled' : 'light'}
                    aria-pressed={row['statementId'] === opened}
                    onClick={() => onOpen(String(row['statementId']))}
                  >
                    {`${t('open')} ${String(row['bankStatementId'])}`}
                  </Button>
                ),
              }}
            />
            <Group>
              {cursors.length > 0 && (
                <Button variant="subtle" size="compact-sm" onClick={() => setCursors([])}>
                  {t('firstPage')}
                </Button>
              )}
              {nextCursor && (
                <Button variant="outline" size="compact-sm" onClick={() => setCursors((c) => [...c, nextCursor])}>
                  {t('nextPage')}
                </Button>
              )}
            </Group>
          </>
        )}
      </LoadedView>
    </Stack>
  );
}

function UnmatchedQueue({ statementId, onAllocated }: { statementId: string; onAllocated: () => void }) {
  const { t } = useI18n();
  const statement = useGet<{ bankStatementId: string; lines: StatementLine[] }>(`/bank-statements/${seg(statementId)}`);
  // Kept here, not on the line: an allocated line leaves the queue when the statement reloads.
  const [allocatedTo, setAllocatedTo] = useState<string | null>(null);
  return (
    <LoadedView loaded={statement}>
      {({ bankStatementId, lines }) => {
        const open = lines.filter((l) => l.status === 'unmatched' || l.status === 'partly-allocated');
        return (
          <Stack data-testid="unmatched-lines">
            <Text fw={600}>
              {t('unmatchedLines')} · {bankStatementId}
            </Text>
            {allocatedTo && (
              <Alert color="green" role="status" data-testid="allocated">
                {t('allocatedTo')} {allocatedTo}
              </Alert>
            )}
            {open.length === 0 && <Text size="sm">{t('nothingUnmatched')}</Text>}
            {open.map((line) => (
              <UnmatchedLine
                // Keyed by what is left: after a part is allocated, the amount field starts from the new rest.
                key={`${line.lineId}:${line.unallocatedCents}`}
                line={line}
                onAllocated={(label) => {
                  setAllocatedTo(label);
                  statement.reload();
                  onAllocated();
                }}
              />
            ))}
          </Stack>
        );
      }}
    </LoadedView>
  );
}

/** An invoice typed by number is looked up (GET /search); anything else is taken as its id. */
async function invoiceIdOf(typed: string): Promise<string | null> {
  const text = typed.trim();
  if (!INVOICE_NUMBER.test(text)) return text;
  const found = await api<{ invoices: Array<{ invoiceId: string }> }>('GET', `/search?q=${encodeURIComponent(text)}`);
  return found.invoices.length === 1 ? found.invoices[0]!.invoiceId : null;
}

function UnmatchedLine({ line, onAllocated }: { line: StatementLine; onAllocated: (label: string) => void }) {
  const { t } = useI18n();
  const amountId = useId();
  const [invoice, setInvoice] = useState('');
  const [amount, setAmount] = useState(() => typedEuros(line.unallocatedCents));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function allocate(toInvoice: () => Promise<string | null>, label: string) {
    setError(null);
    const amountCents = centsOf(amount);
    if (amountCents === null || amountCents === 0) {
      setError(new Error(t('amountInvalid')));
      return;
    }
    setBusy(true);
    try {
      const invoiceId = await toInvoice();
      if (!invoiceId) throw new Error(t('invoiceNotFound'));
      // A fresh command id per click; buttons wait, so one click is one allocation. The API refuses
      // more than is left of the line (422 naming amountCents) and appends nothing then.
      await api('POST', `/bank-statement-lines/${seg(line.lineId)}/allocations`, {
        commandId: newCommandId(),
        invoiceId,
        amountCents,
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
          <Text fw={600}>{euros(line.amountCents)}</Text>
          <Text size="sm" c="dimmed">
            {line.bookingDate}
          </Text>
        </Group>
        <Text size="sm">{description || '—'}</Text>
        <Text size="sm" data-testid="left-to-allocate">
          {t('leftToAllocate')}: {euros(line.unallocatedCents)}
        </Text>
        <TextInput
          id={amountId}
          label={t('allocationAmount')}
          description={t('allocationAmountHint')}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          inputMode="decimal"
          w={220}
          maw="100%"
        />
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
              <Button
                size="compact-sm"
                disabled={busy}
                onClick={() => allocate(() => Promise.resolve(s.invoiceId), label)}
              >
                {`${t('allocateTo')} ${label}`}
              </Button>
            </Group>
          );
        })}
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void allocate(() => invoiceIdOf(invoice), invoice.trim());
          }}
        >
          <Group align="end">
            <TextInput
              label={t('otherInvoice')}
              value={invoice}
              onChange={(e) => setInvoice(e.currentTarget.value)}
              required
              maw="100%"
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
