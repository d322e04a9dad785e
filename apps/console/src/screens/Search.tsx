import { useState, type FormEvent } from 'react';
import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { api, ApiError, seg } from '../api';
import { ErrorNotice, HashLink, RecordsTable } from '../components';
import { useI18n, type MessageKey } from '../i18n';

type Kind = 'enrolment' | 'customer' | 'learner' | 'invoice' | 'participant';

interface Hit {
  kind: string;
  id: string;
  summary: string;
  to: string;
}

const KINDS: Array<[Kind, MessageKey]> = [
  ['enrolment', 'kindEnrolment'],
  ['customer', 'kindCustomer'],
  ['learner', 'kindLearner'],
  ['invoice', 'kindInvoice'],
  ['participant', 'kindParticipant'],
];

/** Finds records by id (and invoices by number): each kind is the API's own look-up. */
async function find(kind: Kind, term: string): Promise<Hit[]> {
  const id = seg(term);
  const notFound = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 400);
  try {
    switch (kind) {
      case 'enrolment': {
        const e = await api<{ enrolmentId: string; status: string; offering: { title?: string } }>(
          'GET',
          `/enrolments/${id}`,
        );
        return [
          {
            kind,
            id: e.enrolmentId,
            summary: `${e.status} · ${e.offering.title ?? ''}`,
            to: `/enrolments/${e.enrolmentId}`,
          },
        ];
      }
      case 'customer': {
        await api('GET', `/customers/${id}`);
        const page = await api<{ items: Array<{ enrolmentId: string; status: string }> }>(
          'GET',
          `/enrolments?customerId=${id}`,
        );
        return [
          { kind, id: term, summary: '', to: `/records/customers/${term}` },
          ...page.items.map((e) => ({
            kind: 'enrolment',
            id: e.enrolmentId,
            summary: e.status,
            to: `/enrolments/${e.enrolmentId}`,
          })),
        ];
      }
      case 'learner': {
        await api('GET', `/learners/${id}`);
        const page = await api<{ items: Array<{ enrolmentId: string; status: string }> }>(
          'GET',
          `/enrolments?learnerId=${id}`,
        );
        return [
          { kind, id: term, summary: '', to: `/records/learners/${term}` },
          ...page.items.map((e) => ({
            kind: 'enrolment',
            id: e.enrolmentId,
            summary: e.status,
            to: `/enrolments/${e.enrolmentId}`,
          })),
        ];
      }
      case 'invoice': {
        const invoice = await api<{ invoiceId: string; number?: string | null; totalCents?: number }>(
          'GET',
          `/invoices/${id}`,
        );
        return [
          { kind, id: invoice.invoiceId, summary: invoice.number ?? '', to: `/records/invoices/${invoice.invoiceId}` },
        ];
      }
      case 'participant':
        await api('GET', `/participants/${id}/licences`);
        return [{ kind, id: term, summary: '', to: `/participants/${term}` }];
    }
  } catch (error) {
    if (notFound(error)) return [];
    throw error;
  }
}

export function Search() {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('enrolment');
  const [term, setTerm] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setHits(await find(kind, term.trim()));
    } catch (failure) {
      setHits(null);
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('searchTitle')}
      </Title>
      <form onSubmit={submit} role="search" aria-label={t('searchTitle')}>
        <Group align="end" wrap="wrap">
          <Select
            label={t('searchKind')}
            value={kind}
            onChange={(value) => value && setKind(value as Kind)}
            data={KINDS.map(([value, label]) => ({ value, label: t(label) }))}
            allowDeselect={false}
            w={240}
          />
          <TextInput
            label={t('searchTerm')}
            value={term}
            onChange={(e) => setTerm(e.currentTarget.value)}
            required
            w={320}
            maw="100%"
          />
          <Button type="submit" loading={busy}>
            {t('search')}
          </Button>
        </Group>
      </form>
      <Text size="xs" c="dimmed">
        {t('nameSearchNote')}
      </Text>
      <ErrorNotice error={error} />
      {hits && hits.length === 0 && <Text role="status">{t('noResults')}</Text>}
      {hits && hits.length > 0 && (
        <RecordsTable
          caption={t('results')}
          rows={hits as unknown as Array<Record<string, unknown>>}
          columns={[
            [t('kind'), 'kind'],
            ['Id', 'id'],
            [t('details'), 'summary'],
            [t('open'), 'to'],
          ]}
          render={{ to: (row) => <HashLink to={String(row['to'])}>{`${t('open')} ${String(row['id'])}`}</HashLink> }}
        />
      )}
    </Stack>
  );
}
