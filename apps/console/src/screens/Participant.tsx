import { useState, type FormEvent } from 'react';
import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { seg } from '../api';
import { DecisionSummary, LoadedView, RecordsTable, useGet, type DecisionLike } from '../components';
import { euros } from '../format';
import { useI18n } from '../i18n';

interface Licences {
  activeCount: number;
  tier: string;
  rateCents: number;
  licences: Array<Record<string, unknown> & { expiresOn?: string; status?: string }>;
}

/** A SPOT participant: active licences, tier and rate, surcharges with their decisions, renewals coming up. */
export function Participant({ participantId }: { participantId: string | undefined }) {
  const { t } = useI18n();
  const [id, setId] = useState(participantId ?? '');
  function submit(event: FormEvent) {
    event.preventDefault();
    window.location.hash = `#/participants/${encodeURIComponent(id.trim())}`;
  }
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('participant')}
      </Title>
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput label={t('participantId')} value={id} onChange={(e) => setId(e.currentTarget.value)} required />
          <Button type="submit">{t('show')}</Button>
        </Group>
      </form>
      {participantId && <ParticipantDetails participantId={participantId} />}
    </Stack>
  );
}

function ParticipantDetails({ participantId }: { participantId: string }) {
  const { t } = useI18n();
  const licences = useGet<Licences>(`/participants/${seg(participantId)}/licences`);
  const surcharges = useGet<Array<Record<string, unknown> & { decision?: DecisionLike }> | { items: unknown[] }>(
    `/participants/${seg(participantId)}/surcharges`,
  );
  const today = new Date().toISOString().slice(0, 10);
  const in90Days = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  return (
    <Stack>
      <LoadedView loaded={licences}>
        {(l) => (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Card withBorder>
                <Text size="xs" c="dimmed">
                  {t('activeLicences')}
                </Text>
                <Text size="xl" fw={600}>
                  {l.activeCount}
                </Text>
              </Card>
              <Card withBorder>
                <Text size="xs" c="dimmed">
                  {t('tier')}
                </Text>
                <Text size="xl" fw={600}>
                  {l.tier}
                </Text>
              </Card>
              <Card withBorder>
                <Text size="xs" c="dimmed">
                  {t('rate')}
                </Text>
                <Text size="xl" fw={600}>
                  {euros(l.rateCents)}
                </Text>
              </Card>
            </SimpleGrid>
            <RecordsTable
              caption={t('licences')}
              rows={l.licences}
              columns={Object.keys(l.licences[0] ?? { licenceId: 0 }).map((k) => [k, k] as [string, string])}
            />
            <RecordsTable
              caption={t('renewals')}
              rows={l.licences.filter(
                (x) =>
                  x.status === 'active' && x.expiresOn !== undefined && x.expiresOn >= today && x.expiresOn <= in90Days,
              )}
              columns={[
                ['Id', 'licenceId'],
                [t('expiresOn'), 'expiresOn'],
              ]}
            />
          </>
        )}
      </LoadedView>
      <Title order={2} size="h3">
        {t('surcharges')}
      </Title>
      <LoadedView loaded={surcharges}>
        {(s) => {
          const rows =
            (Array.isArray(s) ? s : (s.items as Array<Record<string, unknown> & { decision?: DecisionLike }>)) ?? [];
          if (rows.length === 0) return <Text size="sm">{t('nothingYet')}</Text>;
          return (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {rows.map((row, index) => (
                <Card withBorder key={index}>
                  {row.decision ? (
                    <DecisionSummary decision={row.decision} />
                  ) : (
                    <Text size="sm">{JSON.stringify(row)}</Text>
                  )}
                </Card>
              ))}
            </SimpleGrid>
          );
        }}
      </LoadedView>
    </Stack>
  );
}
