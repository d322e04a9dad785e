/**
 * Acts with a quote first: the form's body is quoted (POST .../quote, nothing recorded), and the
 * very same body, with the same generated command id, is committed with one click. Changing the
 * form drops the quote, so what is committed is always what was shown.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { api, newCommandId, seg } from '../api';
import { DecisionSummary, ErrorNotice, type DecisionLike } from '../components';
import { euros, instantOf, localNow, when } from '../format';
import { useI18n, type MessageKey } from '../i18n';

type Act = 'cancellations' | 'reschedules' | 'withdrawals' | 'terminations';

const ACTS: Array<[Act, MessageKey]> = [
  ['cancellations', 'actCancel'],
  ['reschedules', 'actReschedule'],
  ['withdrawals', 'actWithdraw'],
  ['terminations', 'actTerminate'],
];
const REASONS: Array<[string, MessageKey]> = [
  ['regular', 'reasonRegular'],
  ['illness', 'reasonIllness'],
  ['death', 'reasonDeath'],
  ['hospitalisation', 'reasonHospitalisation'],
];

interface ActResponse {
  decision?: DecisionLike;
  refunds?: Array<{ amountCents: number; dueDate: string }>;
  noticeStart?: string;
  effectiveEnd?: string;
}

export function Acts({ enrolmentId, onCommitted }: { enrolmentId: string; onCommitted: () => void }) {
  const { t, locale } = useI18n();
  const [act, setAct] = useState<Act>('cancellations');
  const [requestedAt, setRequestedAt] = useState(localNow);
  const [newStartsAt, setNewStartsAt] = useState('');
  const [reason, setReason] = useState('regular');
  const [commandId, setCommandId] = useState(newCommandId);
  const [quote, setQuote] = useState<ActResponse | null>(null);
  const [committed, setCommitted] = useState<ActResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const body = useMemo(() => {
    try {
      const base = { commandId, requestedAt: instantOf(requestedAt) };
      if (act === 'cancellations') return { ...base, reason };
      if (act === 'reschedules') return { ...base, newStartsAt: newStartsAt ? instantOf(newStartsAt) : '' };
      return base;
    } catch {
      return null;
    }
  }, [act, commandId, requestedAt, newStartsAt, reason]);

  /** Any change makes a new command: a new id, no quote. */
  function changed<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setQuote(null);
      setCommitted(null);
      setError(null);
      setCommandId(newCommandId());
    };
  }

  async function send(route: string, then: (response: ActResponse) => void) {
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      then(await api<ActResponse>('POST', route, body));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const base = `/enrolments/${seg(enrolmentId)}/${act}`;
  return (
    <Card withBorder component="section" aria-labelledby="acts-title">
      <Stack>
        <Title order={2} size="h3" id="acts-title">
          {t('acts')}
        </Title>
        <SegmentedControl
          aria-label={t('act')}
          value={act}
          onChange={changed((value: string) => setAct(value as Act))}
          data={ACTS.map(([value, label]) => ({ value, label: t(label) }))}
          fullWidth
          styles={{ root: { flexWrap: 'wrap' } }}
        />
        <Group align="end" wrap="wrap">
          <TextInput
            type="datetime-local"
            label={t('requestedAt')}
            value={requestedAt}
            onChange={(e) => changed(setRequestedAt)(e.currentTarget.value)}
            required
          />
          {act === 'cancellations' && (
            <Select
              label={t('reason')}
              value={reason}
              onChange={(value) => value && changed(setReason)(value)}
              data={REASONS.map(([value, label]) => ({ value, label: t(label) }))}
              allowDeselect={false}
            />
          )}
          {act === 'reschedules' && (
            <TextInput
              type="datetime-local"
              label={t('newStartsAt')}
              value={newStartsAt}
              onChange={(e) => changed(setNewStartsAt)(e.currentTarget.value)}
              required
            />
          )}
          <Button
            onClick={() => send(`${base}/quote`, setQuote)}
            loading={busy && !quote}
            disabled={!body}
            variant="outline"
          >
            {t('quote')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('commandId')}: <Code>{commandId}</Code>
        </Text>
        <ErrorNotice error={error} />
        {quote && !committed && (
          <Alert color="blue" title={t('quoteTitle')} role="status" data-testid="quote">
            <Stack gap="xs">
              <Text size="sm">{t('quoteNote')}</Text>
              {quote.decision && <DecisionSummary decision={quote.decision} />}
              <ActExtras response={quote} locale={locale} />
              <Group>
                <Button
                  color="green"
                  loading={busy}
                  onClick={() =>
                    send(base, (response) => {
                      setCommitted(response);
                      onCommitted();
                    })
                  }
                >
                  {t('commit')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {committed && (
          <Alert color="green" title={t('committed')} role="status" data-testid="committed">
            {committed.decision && <DecisionSummary decision={committed.decision} />}
            <ActExtras response={committed} locale={locale} />
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function ActExtras({ response, locale }: { response: ActResponse; locale: string }) {
  const { t } = useI18n();
  return (
    <>
      {response.refunds?.map((r, index) => (
        <Text size="sm" key={index}>
          {t('refund')}: {euros(r.amountCents)} · {t('dueDate')} {when(r.dueDate, locale)}
        </Text>
      ))}
      {response.noticeStart && (
        <Text size="sm">
          {t('noticeStart')} {when(response.noticeStart, locale)} · {t('effectiveEnd')}{' '}
          {when(response.effectiveEnd, locale)}
        </Text>
      )}
    </>
  );
}
