import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { seg } from '../api';
import { DecisionSummary, HashLink, LoadedView, RecordsTable, useGet, type DecisionLike } from '../components';
import { euros, when } from '../format';
import { useI18n } from '../i18n';
import { useMe } from '../me';
import { Acts } from './Acts';

export interface EnrolmentView {
  enrolmentId: string;
  status: string;
  registeredAt: string;
  rulebook: { id: string; version: string };
  offering: { offeringId?: string; title?: string; kind?: string; startsAt?: string };
  customerId: string;
  learnerId: string;
  balanceCents: number;
  invoices: Array<Record<string, unknown>>;
  refunds: Array<Record<string, unknown>>;
  decisions: Array<{
    eventId: string;
    eventType: string;
    occurredAt: string | null;
    recordedAt: string;
    decision: DecisionLike;
  }>;
  timeline: Array<{
    eventId: string;
    revision: number;
    type: string;
    occurredAt: string | null;
    recordedAt: string;
    actor: string | null;
  }>;
}

export function Enrolment({ enrolmentId }: { enrolmentId: string }) {
  const { t, locale } = useI18n();
  const { may } = useMe();
  const loaded = useGet<EnrolmentView>(`/enrolments/${seg(enrolmentId)}`);
  return (
    <LoadedView loaded={loaded}>
      {(e) => (
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <Title order={1} size="h2">
              {t('enrolment')} {e.enrolmentId}
            </Title>
            <Badge size="lg" data-testid="enrolment-status">
              {e.status}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('offering')}
              </Text>
              <Text fw={600}>{e.offering.title ?? e.offering.offeringId}</Text>
              <Text size="sm">
                {e.offering.kind} · {t('startsAt')} {when(e.offering.startsAt, locale)}
              </Text>
              <Text size="sm">
                {t('rulebook')}: {e.rulebook.id}@{e.rulebook.version}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('customer')} / {t('learner')}
              </Text>
              <HashLink to={`/records/customers/${e.customerId}`}>{e.customerId}</HashLink>
              <br />
              <HashLink to={`/records/learners/${e.learnerId}`}>{e.learnerId}</HashLink>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('balance')}
              </Text>
              <Text fw={600} size="xl" data-testid="enrolment-balance">
                {euros(e.balanceCents)}
              </Text>
            </Card>
          </SimpleGrid>

          {/* Acts are commands: shown only to roles that may send them. */}
          {may.commands && <Acts enrolmentId={e.enrolmentId} onCommitted={loaded.reload} />}

          <Title order={2} size="h3">
            {t('invoices')}
          </Title>
          <RecordsTable
            caption={t('invoices')}
            rows={e.invoices}
            columns={[
              [t('invoice'), 'invoiceId'],
              [t('dueDate'), 'dueDate'],
              [t('total'), 'totalCents'],
              [t('credited'), 'creditedCents'],
              [t('paid'), 'paidCents'],
              [t('outstanding'), 'outstandingCents'],
            ]}
            render={{
              invoiceId: (row) => (
                <HashLink to={`/records/invoices/${String(row['invoiceId'])}`}>{String(row['invoiceId'])}</HashLink>
              ),
            }}
          />
          <RecordsTable
            caption={t('refunds')}
            rows={e.refunds}
            columns={[
              ['Id', 'refundId'],
              [t('amount'), 'amountCents'],
              [t('paid'), 'paidCents'],
              [t('dueDate'), 'dueDate'],
              [t('rules'), 'ruleIds'],
            ]}
          />

          <Title order={2} size="h3">
            {t('decisions')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="decisions">
            {e.decisions.map((d) => (
              <Card withBorder key={d.eventId} aria-label={`${t('decision')} ${d.decision.kind}`}>
                <Text size="xs" c="dimmed">
                  {d.eventType} · {t('businessTime')} {when(d.occurredAt, locale)} · {t('recordTime')}{' '}
                  {when(d.recordedAt, locale)}
                </Text>
                <DecisionSummary decision={d.decision} />
              </Card>
            ))}
          </SimpleGrid>

          <Title order={2} size="h3">
            {t('timeline')}
          </Title>
          <RecordsTable
            caption={t('timeline')}
            rows={e.timeline}
            columns={[
              ['#', 'revision'],
              [t('eventType'), 'type'],
              [t('businessTime'), 'occurredAt'],
              [t('recordTime'), 'recordedAt'],
              [t('who'), 'actor'],
            ]}
          />
        </Stack>
      )}
    </LoadedView>
  );
}
