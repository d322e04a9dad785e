import { Stack, Title } from '@mantine/core';
import { seg } from '../api';
import { FieldsTable, LoadedView, RecordsTable, useGet } from '../components';

/** A customer, learner or invoice as the API answers it: scalar fields, then each list as a table. */
export function Record({ collection, id }: { collection: 'customers' | 'learners' | 'invoices'; id: string }) {
  const loaded = useGet<Record<string, unknown>>(`/${collection}/${seg(id)}`);
  return (
    <LoadedView loaded={loaded}>
      {(record) => (
        <Stack>
          <Title order={1} size="h2">
            {collection.slice(0, -1)} {id}
          </Title>
          <FieldsTable record={record} />
          {Object.entries(record)
            .filter(([, value]) => Array.isArray(value) && value.length > 0 && typeof value[0] === 'object')
            .map(([key, value]) => {
              const rows = value as Array<Record<string, unknown>>;
              const columns = Object.keys(rows[0]!).filter(
                (k) => typeof rows[0]![k] !== 'object' || Array.isArray(rows[0]![k]),
              );
              return (
                <RecordsTable
                  key={key}
                  caption={key}
                  rows={rows}
                  columns={columns.map((c) => [c, c] as [string, string])}
                />
              );
            })}
        </Stack>
      )}
    </LoadedView>
  );
}
