import { useState, type FormEvent } from 'react';
import { Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { session, seg } from '../api';
import { ErrorNotice, LoadedView, RecordsTable, useGet } from '../components';
import { euros } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { useMe } from '../me';
import { BankImport } from './BankImport';

interface Balance {
  invoicedCents: number;
  paidCents: number;
  refundsOwedCents: number;
  outstandingCents: number;
  overdueCents: number;
  interestCents: number;
  collectionCostsCents: number;
}

const BALANCE_FIGURES: Array<[keyof Balance, MessageKey]> = [
  ['outstandingCents', 'outstanding'],
  ['overdueCents', 'overdue'],
  ['interestCents', 'interest'],
  ['collectionCostsCents', 'collectionCosts'],
  ['refundsOwedCents', 'refundsOwed'],
  ['paidCents', 'paid'],
];

/**
 * Finance: a customer's balance with overdue, interest and collection costs; refunds owed;
 * dunning; exports; the bank-statement import with its unmatched queue.
 */
export function Finance() {
  const { t } = useI18n();
  const { may } = useMe();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('financeTitle')}
      </Title>
      {may.financeRead && <FinanceReads />}
      <BankImport />
    </Stack>
  );
}

/** Balances, refunds owed and exports: the finance and audit roles' reads. */
function FinanceReads() {
  const { t } = useI18n();
  const [customerId, setCustomerId] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const refunds = useGet<Array<Record<string, unknown>>>('/refunds?status=owed');
  const [downloadError, setDownloadError] = useState<unknown>(null);

  async function download(route: string, file: string) {
    setDownloadError(null);
    try {
      // A link cannot carry the Authorization header: fetch, then hand the browser the bytes.
      const response = await fetch(route, {
        headers: { authorization: `Bearer ${session.key() ?? ''}`, accept: 'text/csv' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const anchor = Object.assign(document.createElement('a'), { href: url, download: file });
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setShown(customerId.trim());
        }}
      >
        <Group align="end">
          <TextInput
            label={t('customerId')}
            value={customerId}
            onChange={(e) => setCustomerId(e.currentTarget.value)}
            required
          />
          <Button type="submit">{t('show')}</Button>
        </Group>
      </form>
      {shown && <BalanceCard customerId={shown} />}
      <Title order={2} size="h3">
        {t('refundsOwed')}
      </Title>
      <LoadedView loaded={refunds}>
        {(rows) => (
          <RecordsTable
            caption={t('refundsOwed')}
            rows={rows}
            columns={[
              ['Id', 'refundId'],
              [t('customer'), 'customerId'],
              [t('enrolment'), 'enrolmentId'],
              [t('amount'), 'amountCents'],
              [t('dueDate'), 'dueDate'],
            ]}
          />
        )}
      </LoadedView>
      <Dunning />
      <Title order={2} size="h3">
        {t('exports')}
      </Title>
      <Group>
        <Button variant="outline" onClick={() => download('/exports/refunds.csv', 'refunds.csv')}>
          {t('exportRefunds')}
        </Button>
        <Button variant="outline" onClick={() => download('/exports/balances.csv', 'balances.csv')}>
          {t('exportBalances')}
        </Button>
        <Button
          variant="outline"
          onClick={() => download('/exports/journal.csv?layout=exact&format=nl', 'memoriaal-exact.csv')}
        >
          {t('exportJournal')}
        </Button>
      </Group>
      <ErrorNotice error={downloadError} />
    </>
  );
}

function BalanceCard({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const balance = useGet<Balance>(`/customers/${seg(customerId)}/balance?invoices=false`);
  return (
    <LoadedView loaded={balance}>
      {(b) => (
        <SimpleGrid cols={{ base: 2, md: 3 }} data-testid="balance">
          {BALANCE_FIGURES.map(([field, label]) => (
            <Card withBorder key={field}>
              <Text size="xs" c="dimmed">
                {t(label)}
              </Text>
              <Text size="lg" fw={600}>
                {euros(b[field])}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </LoadedView>
  );
}

const DUNNING_STATUSES = ['due', 'sent', 'escalated', 'paused'] as const;
type DunningStatus = (typeof DUNNING_STATUSES)[number];
const DUNNING_LABELS: Record<DunningStatus, MessageKey> = {
  due: 'dunningDue',
  sent: 'dunningSent',
  escalated: 'dunningEscalated',
  paused: 'dunningPaused',
};

interface DunningPage {
  items: Array<Record<string, unknown>>;
  nextCursor: string | null;
}

/** Invoices in dunning by status, a page at a time (GET /dunning): what the scheduler will send, sent, escalated or paused. */
function Dunning() {
  const { t } = useI18n();
  const [status, setStatus] = useState<DunningStatus>('due');
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useGet<DunningPage>(`/dunning?status=${status}&limit=50${cursor ? `&cursor=${seg(cursor)}` : ''}`);
  return (
    <>
      <Title order={2} size="h3">
        {t('dunning')}
      </Title>
      <SegmentedControl
        aria-label={t('dunning')}
        value={status}
        onChange={(value) => {
          setStatus(value as DunningStatus);
          setCursor(null);
        }}
        data={DUNNING_STATUSES.map((value) => ({ value, label: t(DUNNING_LABELS[value]) }))}
      />
      <LoadedView loaded={page}>
        {(p) => (
          <>
            <RecordsTable
              caption={`${t('dunning')}: ${t(DUNNING_LABELS[status])}`}
              rows={p.items}
              columns={[
                [t('invoice'), 'invoiceNumber'],
                [t('customer'), 'customerId'],
                [t('provider'), 'provider'],
                [t('dueDate'), 'dueDate'],
                [t('outstanding'), 'outstandingCents'],
                [t('dunningStage'), 'stage'],
              ]}
              render={{ invoiceNumber: (row) => String(row['invoiceNumber'] ?? row['invoiceId']) }}
            />
            {p.nextCursor && (
              <Button variant="subtle" onClick={() => setCursor(p.nextCursor)}>
                {t('nextPage')}
              </Button>
            )}
          </>
        )}
      </LoadedView>
    </>
  );
}
