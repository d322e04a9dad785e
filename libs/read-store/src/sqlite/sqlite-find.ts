/**
 * The SQL of one `find` page over a collection's table: equality filters and the sort on indexed
 * columns (read-store-schema.ts), paged by keyset.
 */
import type { ResolvedFindQuery } from '../read-query';
import type { IndexValue } from '../read-store.port';
import { columnName, columnValue, quoted } from './read-store-schema';

export interface FindSegment {
  sql: string;
  parameters: unknown[];
}

/**
 * The queries of one page, run in order until the page is full. Each is a range seek on one
 * index: `(value, id) > (v, i)` written as `value >= v AND (value > v OR id > i)`, because SQLite
 * seeks on the first conjunct but not on an OR. NULLs sort first ascending and last descending,
 * so a cursor on one side of them needs a second segment. Ties are broken by id.
 */
export function findSegments(table: string, query: ResolvedFindQuery): FindSegment[] {
  const filter: string[] = [];
  const filterParameters: unknown[] = [];
  for (const [field, value] of query.where) {
    const column = quoted(columnName(field));
    if (value === null) filter.push(`${column} IS NULL`);
    else {
      filter.push(`${column} = ?`);
      filterParameters.push(columnValue(value));
    }
  }
  const segment = (conditions: string[], parameters: unknown[], orderBy: string, select: string): FindSegment => {
    const where = [...filter, ...conditions];
    return {
      sql:
        `SELECT ${select} FROM ${quoted(table)}` +
        (where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`) +
        ` ORDER BY ${orderBy} LIMIT ?`,
      parameters: [...filterParameters, ...parameters],
    };
  };
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  const beyond = query.direction === 'asc' ? '>' : '<';
  const after = query.after;
  if (query.orderField === undefined) {
    const select = 'id, body, position';
    return [
      after === undefined
        ? segment([], [], `id ${direction}`, select)
        : segment([`id ${beyond} ?`], [after.id], `id ${direction}`, select),
    ];
  }
  const value = quoted(columnName(query.orderField));
  const select = `id, body, position, ${value} AS sort_value`;
  const byValue = `${value} ${direction}, id ${direction}`;
  if (after === undefined) return [segment([], [], byValue, select)];
  const nullsFrom = (id?: string): FindSegment =>
    id === undefined
      ? segment([`${value} IS NULL`], [], `id ${direction}`, select)
      : segment([`${value} IS NULL`, `id ${beyond} ?`], [id], `id ${direction}`, select);
  if (after.value === null) {
    return query.direction === 'asc'
      ? [nullsFrom(after.id), segment([`${value} IS NOT NULL`], [], byValue, select)]
      : [nullsFrom(after.id)];
  }
  const bound = columnValue(after.value as Exclude<IndexValue, null>);
  const pastCursor = segment(
    [`${value} ${beyond}= ?`, `(${value} ${beyond} ? OR id ${beyond} ?)`],
    [bound, bound, after.id],
    byValue,
    select,
  );
  return query.direction === 'asc' ? [pastCursor] : [pastCursor, nullsFrom()];
}
