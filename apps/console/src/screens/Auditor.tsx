import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { api } from '../api';
import {
  DecisionSummary,
  ErrorNotice,
  FieldsTable,
  LoadedView,
  RecordsTable,
  useGet,
  type DecisionLike,
} from '../components';
import { when } from '../format';
import { useI18n } from '../i18n';

type LoggedDecision = DecisionLike & {
  decisionId: string;
  event: { streamId?: string; occurredAt?: string; recordedAt?: string };
};

/**
 * Auditors: the decision log filtered by rulebook version (server side) and rule id (on the page
 * read), each decision verified on request; what-if under a corrected reading; the hash chain;
 * the projections' status (admin keys).
 */
export function Auditor() {
  const { t } = useI18n();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('auditorTitle')}
      </Title>
      <DecisionExplorer />
      <WhatIf />
      <Chain />
      <Projections />
    </Stack>
  );
}

function DecisionExplorer() {
  const { t, locale } = useI18n();
  const [ruleId, setRuleId] = useState('');
  const [rulebook, setRulebook] = useState('');
  const [query, setQuery] = useState('/decisions?limit=500');
  const decisions = useGet<{ items: LoggedDecision[] }>(query);
  function submit(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams({ limit: '500' });
    if (rulebook.trim()) params.set('rulebook', rulebook.trim());
    setQuery(`/decisions?${params.toString()}`);
  }
  const wanted = ruleId.trim().toUpperCase();
  return (
    <Card withBorder component="section" aria-labelledby="explorer-title">
      <Stack>
        <Title order={2} size="h3" id="explorer-title">
          {t('decisionExplorer')}
        </Title>
        <form onSubmit={submit}>
          <Group align="end" wrap="wrap">
            <TextInput
              label={t('ruleId')}
              value={ruleId}
              onChange={(e) => setRuleId(e.currentTarget.value)}
              placeholder="PP-15.5-EL"
            />
            <TextInput
              label={t('rulebookVersion')}
              value={rulebook}
              onChange={(e) => setRulebook(e.currentTarget.value)}
              placeholder="plusport@2024-01-01"
            />
            <Button type="submit">{t('filter')}</Button>
          </Group>
        </form>
        <LoadedView loaded={decisions}>
          {(page) => {
            const items = page.items.filter((d) => !wanted || d.ruleIds.some((r) => r.toUpperCase() === wanted));
            if (items.length === 0) return <Text size="sm">{t('noResults')}</Text>;
            return (
              <Stack gap="xs" data-testid="decision-list">
                {items.map((d) => (
                  <Card withBorder key={d.decisionId} aria-label={`${t('decision')} ${d.decisionId}`}>
                    <Text size="xs" c="dimmed">
                      {d.event.streamId} · {t('businessTime')} {when(d.event.occurredAt, locale)} · {t('recordTime')}{' '}
                      {when(d.event.recordedAt, locale)}
                    </Text>
                    <DecisionSummary decision={d} />
                    <Verify decisionId={d.decisionId} />
                  </Card>
                ))}
              </Stack>
            );
          }}
        </LoadedView>
      </Stack>
    </Card>
  );
}

function Verify({ decisionId }: { decisionId: string }) {
  const { t } = useI18n();
  const [result, setResult] = useState<{ matches: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function verify() {
    setError(null);
    try {
      setResult(await api<{ matches: boolean }>('POST', `/decisions/${encodeURIComponent(decisionId)}/verify`, {}));
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <Group mt="xs">
      <Button size="compact-sm" variant="outline" onClick={verify} aria-label={`${t('verify')} ${decisionId}`}>
        {t('verify')}
      </Button>
      {result && (
        <Badge color={result.matches ? 'green' : 'red'} role="status">
          {result.matches ? t('verified') : t('differs')}
        </Badge>
      )}
      <ErrorNotice error={error} />
    </Group>
  );
}

function WhatIf() {
  const { t } = useI18n();
  const [interpretation, setInterpretation] = useState('');
  const [route, setRoute] = useState<string | null>(null);
  const result = useGet<Record<string, unknown>>(route);
  return (
    <Card withBorder component="section" aria-labelledby="what-if-title">
      <Stack>
        <Title order={2} size="h3" id="what-if-title">
          {t('whatIf')}
        </Title>
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            setRoute(`/decisions/what-if?interpretation=${encodeURIComponent(interpretation.trim())}`);
          }}
        >
          <Group align="end">
            <TextInput
              label={t('interpretationId')}
              value={interpretation}
              onChange={(e) => setInterpretation(e.currentTarget.value)}
              placeholder="PP-I19"
              required
            />
            <Button type="submit">{t('run')}</Button>
          </Group>
        </form>
        {route && (
          <LoadedView loaded={result}>
            {(r) => (
              <>
                <FieldsTable record={r} />
                {Object.entries(r)
                  .filter(([, v]) => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object')
                  .map(([key, v]) => {
                    const rows = v as Array<Record<string, unknown>>;
                    return (
                      <RecordsTable
                        key={key}
                        caption={key}
                        rows={rows}
                        columns={Object.keys(rows[0]!)
                          .filter((k) => typeof rows[0]![k] !== 'object')
                          .map((k) => [k, k] as [string, string])}
                      />
                    );
                  })}
              </>
            )}
          </LoadedView>
        )}
      </Stack>
    </Card>
  );
}

function Chain() {
  const { t } = useI18n();
  const [report, setReport] = useState<(Record<string, unknown> & { ok: boolean | null }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function verify() {
    setBusy(true);
    setError(null);
    try {
      setReport(await api<Record<string, unknown> & { ok: boolean | null }>('POST', '/admin/chain/verify', {}));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="chain-title">
      <Stack>
        <Title order={2} size="h3" id="chain-title">
          {t('chainVerification')}
        </Title>
        <Group>
          <Button onClick={verify} loading={busy}>
            {t('verifyChain')}
          </Button>
          {report && (
            <Badge color={report.ok ? 'green' : 'red'} size="lg" role="status" data-testid="chain-status">
              {report.ok ? t('ok') : t('notOk')}
            </Badge>
          )}
        </Group>
        <ErrorNotice error={error} />
        {report && <FieldsTable record={report} />}
      </Stack>
    </Card>
  );
}

function Projections() {
  const { t } = useI18n();
  const status = useGet<Array<Record<string, unknown>> | { projections: Array<Record<string, unknown>> }>(
    '/admin/projections',
  );
  return (
    <Card withBorder component="section" aria-labelledby="projections-title">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id="projections-title">
            {t('projectionStatus')}
          </Title>
          <Button variant="subtle" size="compact-sm" onClick={status.reload}>
            {t('refresh')}
          </Button>
        </Group>
        <LoadedView loaded={status}>
          {(s) => {
            const rows = Array.isArray(s) ? s : s.projections;
            return (
              <RecordsTable
                caption={t('projectionStatus')}
                rows={rows}
                columns={Object.keys(rows[0] ?? { name: '' })
                  .filter((k) => typeof rows[0]?.[k] !== 'object')
                  .map((k) => [k, k] as [string, string])}
              />
            );
          }}
        </LoadedView>
      </Stack>
    </Card>
  );
}
