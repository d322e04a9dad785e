import { useState, type FormEvent } from 'react';
import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { api, ApiError, seg, type Me } from '../api';
import { ErrorNotice, HashLink, RecordsTable } from '../components';
import { useI18n, type MessageKey } from '../i18n';
import { useMe } from '../me';

type Kind = 'text' | 'enrolment' | 'customer' | 'learner' | 'invoice' | 'participant';

interface Hit {
  kind: string;
  id: string;
  summary: string;
  to: string;
}

/** The kinds of search, each shown only to roles whose reads it needs. */
const KINDS: Array<[Kind, MessageKey, (may: Me['may']) => boolean]> = [
  ['text', 'kindText', (may) => may.customerNames || may.learnerNames || may.financeRead],
  ['enrolment', 'kindEnrolment', (may) => may.enrolments],
  ['customer', 'kindCustomer', (may) => may.customerNames],
  ['learner', 'kindLearner', (may) => may.learnerNames],
  ['invoice', 'kindInvoice', (may) => may.financeRead],
  ['participant', 'kindParticipant', (may) => may.licences],
];

interface TextSearchPage {
  people: Array<{ kind: 'customer' | 'learner'; id: string; name: string; registeredAt: string }>;
  invoices: Array<{ invoiceId: string; invoiceNumber: string | null; customerId: string; outstandingCents: number }>;
  examined: number;
  nextCursor: string | null;
}

/** A page of GET /search (names and invoice numbers) as hits, and the cursor of the next page. */
async function findText(term: string, cursor: string | null): Promise<{ hits: Hit[]; page: TextSearchPage }> {
  const query = new URLSearchParams({ q: term });
  if (cursor) query.set('cursor', cursor);
  const page = await api<TextSearchPage>('GET', `/search?${query.toString()}`);
  const hits: Hit[] = [
    ...page.invoices.map((i) => ({
      kind: 'invoice',
      id: i.invoiceId,
      summary: `${i.invoiceNumber ?? ''} · ${i.customerId}`,
      to: `/records/invoices/${i.invoiceId}`,
    })),
    ...page.people.map((p) => ({
      kind: p.kind,
      id: p.id,
      summary: p.name,
      to: `/records/${p.kind === 'customer' ? 'customers' : 'learners'}/${p.id}`,
    })),
  ];
  return { hits, page };
}

/** Finds records by id: each kind is the API's own look-up. */
async function find(kind: Exclude<Kind, 'text'>, term: string): Promise<Hit[]> {
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
  const { may } = useMe();
  const kinds = KINDS.filter(([, , shown]) => shown(may));
  const [kind, setKind] = useState<Kind>(kinds[0]?.[0] ?? 'enrolment');
  const [term, setTerm] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  /** A search by name that has not examined everyone yet: the cursor to go on with, and how many so far. */
  const [more, setMore] = useState<{ term: string; cursor: string; examined: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(next: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await next();
    } catch (failure) {
      setHits(null);
      setMore(null);
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = term.trim();
    await run(async () => {
      if (kind !== 'text') {
        setMore(null);
        setHits(await find(kind, text));
        return;
      }
      const { hits: found, page } = await findText(text, null);
      setHits(found);
      setMore(page.nextCursor ? { term: text, cursor: page.nextCursor, examined: page.examined } : null);
    });
  }

  async function searchOn() {
    if (!more) return;
    await run(async () => {
      const { hits: found, page } = await findText(more.term, more.cursor);
      setHits((earlier) => [...(earlier ?? []), ...found]);
      const examined = more.examined + page.examined;
      setMore(page.nextCursor ? { term: more.term, cursor: page.nextCursor, examined } : null);
    });
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
            data={kinds.map(([value, label]) => ({ value, label: t(label) }))}
            allowDeselect={false}
            w={240}
          />
          <TextInput
            label={t(kind === 'text' ? 'searchText' : 'searchTerm')}
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
      {kind === 'text' && (
        <Text size="xs" c="dimmed">
          {t('nameSearchNote')}
        </Text>
      )}
      <ErrorNotice error={error} />
      {hits && hits.length === 0 && !more && <Text role="status">{t('noResults')}</Text>}
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
      {more && (
        <Group>
          <Text size="sm" role="status" data-testid="search-more">
            {t('searchedSoFar').replace('{n}', String(more.examined))}
          </Text>
          <Button variant="outline" onClick={searchOn} loading={busy}>
            {t('searchOn')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
