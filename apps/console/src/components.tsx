/** Pieces every screen uses: loading API data, showing errors, tables of fields, rule links. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { api, ApiError, seg } from './api';
import { euros, cell } from './format';
import { useI18n } from './i18n';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GETs `route` (nothing while it is null) and again on reload(). */
export function useGet<T>(route: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: route !== null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (route === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>('GET', route).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [route, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError && error.status === 403)
    return (
      <Alert color="yellow" title={t('forbidden')} role="alert">
        {error.body.message}
      </Alert>
    );
  if (error instanceof ApiError && error.status === 422)
    return (
      <Alert color="orange" title={t('refused')} role="alert">
        <Text size="sm">{error.body.message}</Text>
        {error.body.ruleId && (
          <Badge mt="xs" variant="outline">
            {error.body.ruleId}
          </Badge>
        )}
      </Alert>
    );
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.body.fields : undefined;
  return (
    <Alert color="red" title={`${t('error')}${error instanceof ApiError ? ` ${error.status}` : ''}`} role="alert">
      <Text size="sm">{message}</Text>
      {fields?.map((f) => (
        <Text size="sm" key={f.field}>
          {f.field}: {f.messages.join('; ')}
        </Text>
      ))}
    </Alert>
  );
}

export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (loaded.loading && loaded.data === undefined) return <Loader size="sm" aria-label={t('loading')} />;
  if (loaded.error) return <ErrorNotice error={loaded.error} />;
  return loaded.data === undefined ? null : <>{children(loaded.data)}</>;
}

/** A record's scalar fields as a two-column table (cents as euros, instants in Amsterdam time). */
export function FieldsTable({ record, caption }: { record: Record<string, unknown>; caption?: string }) {
  const { locale } = useI18n();
  const rows = Object.entries(record).filter(([, v]) => v === null || typeof v !== 'object' || Array.isArray(v));
  return (
    <Table.ScrollContainer minWidth={280}>
      <Table withTableBorder striped>
        {caption && <Table.Caption>{caption}</Table.Caption>}
        <Table.Tbody>
          {rows.map(([key, value]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row" w="40%">
                {key}
              </Table.Th>
              <Table.Td>{cell(key, value, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Rows of records with the columns named (header text, field). */
export function RecordsTable({
  rows,
  columns,
  caption,
  render,
}: {
  rows: ReadonlyArray<Record<string, unknown>>;
  columns: ReadonlyArray<[string, string]>;
  caption: string;
  render?: Partial<Record<string, (row: Record<string, unknown>) => ReactNode>>;
}) {
  const { locale, t } = useI18n();
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {caption}: {t('nothingYet')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table withTableBorder striped highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map(([header]) => (
              <Table.Th key={header} scope="col">
                {header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={index}>
              {columns.map(([header, field]) => (
                <Table.Td key={header}>{render?.[field]?.(row) ?? cell(field, row[field], locale)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface RuleView {
  ruleId: string;
  title: string;
  text: string;
  article: { ref: string; quoteNl: string | null; statute?: string };
  interpretations: Array<{ id: string; title: string }>;
}

/** A rule id that opens the rule's text and the quoted original article (GET /rulebooks/{id}/rules/{ruleId}). */
export function RuleLink({ rulebookId, ruleId }: { rulebookId: string; ruleId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const rule = useGet<RuleView>(open ? `/rulebooks/${seg(rulebookId)}/rules/${seg(ruleId)}` : null);
  return (
    <>
      <Button variant="light" size="compact-sm" onClick={() => setOpen(true)} aria-label={`${t('ruleText')} ${ruleId}`}>
        {ruleId}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`${t('ruleText')}: ${ruleId}`} size="lg">
        <LoadedView loaded={rule}>
          {(r) => (
            <Stack gap="sm" data-testid="rule-text">
              <Title order={3} size="h5">
                {r.title}
              </Title>
              <Text size="sm">{r.text}</Text>
              <Title order={4} size="h6">
                {t('originalArticle')}: {r.article.ref}
              </Title>
              {r.article.quoteNl ? (
                <Text
                  size="sm"
                  component="blockquote"
                  lang="nl"
                  fs="italic"
                  style={{ borderLeft: '3px solid #ccc', paddingLeft: 8 }}
                >
                  {r.article.quoteNl}
                </Text>
              ) : (
                <Text size="sm">{r.article.statute}</Text>
              )}
              {r.interpretations.length > 0 && (
                <Text size="sm">
                  {t('interpretations')}: {r.interpretations.map((i) => `${i.id} (${i.title})`).join('; ')}
                </Text>
              )}
            </Stack>
          )}
        </LoadedView>
      </Modal>
    </>
  );
}

export interface DecisionLike {
  decisionId?: string;
  kind: string;
  rulebook: { id: string; version: string };
  ruleIds: string[];
  feeCents?: number;
  feeGrossCents?: number;
  refundCents?: number;
}

/** A decision's kind, money and rule ids, each linked to its text. */
export function DecisionSummary({ decision }: { decision: DecisionLike }) {
  const { t } = useI18n();
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge variant="filled">{decision.kind}</Badge>
        <Text size="xs" c="dimmed">
          {decision.rulebook.id}@{decision.rulebook.version}
        </Text>
      </Group>
      {decision.feeGrossCents !== undefined && (
        <Text size="sm">
          {t('fee')}: <strong>{euros(decision.feeGrossCents)}</strong>
        </Text>
      )}
      {decision.refundCents !== undefined && (
        <Text size="sm">
          {t('refund')}: <strong>{euros(decision.refundCents)}</strong>
        </Text>
      )}
      <Group gap={4} aria-label={t('rules')}>
        {decision.ruleIds.map((ruleId) => (
          <RuleLink key={ruleId} rulebookId={decision.rulebook.id} ruleId={ruleId} />
        ))}
      </Group>
    </Stack>
  );
}

export const linkTo = (hash: string) => ({ href: `#${hash}` });

export function HashLink({ to, children }: { to: string; children: ReactNode }) {
  return <Anchor {...linkTo(to)}>{children}</Anchor>;
}
