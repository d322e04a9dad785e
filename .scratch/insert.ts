import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
const N = 280_000;
const docs: Array<{ id: string; json: string; a: string; b: string; c: number }> = [];
for (let i = 0; i < N; i++) {
  const body = { customerId: `cust-${i % 5000}`, ownerStreamId: `enrolment-${i}`, provider: ['plusport','vli','loi','excellus'][i%4], totalCents: i * 7, lines: [{ text: 'x'.repeat(200), cents: i }], decision: { kind: 'k', inputs: { a: 'y'.repeat(300) } } };
  docs.push({ id: `01890a5d-ac96-774b-bcce-${String(i).padStart(12, '0')}`, json: JSON.stringify(body), a: body.customerId, b: body.ownerStreamId, c: body.totalCents });
}
function run(label: string, setup: string, sql: string, bind: (d: typeof docs[0], p: number) => unknown[]) {
  rmSync('/work/bench-data/mb.sqlite', { force: true }); rmSync('/work/bench-data/mb.sqlite-wal', { force: true });
  const db = new Database('/work/bench-data/mb.sqlite');
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma('cache_size = -65536');
  db.exec(setup);
  const st = db.prepare(sql);
  const t0 = performance.now(); const c0 = process.cpuUsage();
  for (let start = 0; start < N; start += 2500) {
    db.transaction(() => { for (let i = start; i < Math.min(N, start + 2500); i++) st.run(...bind(docs[i]!, i)); })();
  }
  const c = process.cpuUsage(c0); console.log(label, Math.round(performance.now() - t0), 'ms wall', Math.round((c.user + c.system) / 1000), 'ms cpu');
  db.close();
}
if (process.argv[2] === 'v1') run('v1 one table partial json idx (3 of 37)', `CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL CHECK (json_valid(body)), position INTEGER NOT NULL, PRIMARY KEY (collection, id)) STRICT;
 ${['customerId','ownerStreamId','provider'].map(f=>`CREATE INDEX ix_${f} ON documents (collection, json_extract(body,'$.${f}'), id) WHERE collection = 'inv';`).join('\n')}
 ${Array.from({length:34},(_,k)=>`CREATE INDEX ix_o${k} ON documents (collection, json_extract(body,'$.f${k}'), id) WHERE collection = 'other${k}';`).join('\n')}`,
 `INSERT INTO documents (collection,id,body,position) VALUES ('inv',?,?,?) ON CONFLICT (collection,id) DO UPDATE SET body=excluded.body, position=excluded.position WHERE documents.position < excluded.position`,
 (d, p) => [d.id, d.json, p]);
run('v2 table, js columns', `CREATE TABLE t (id TEXT PRIMARY KEY, position INTEGER NOT NULL, body TEXT NOT NULL, f_a ANY, f_b ANY, f_c ANY) STRICT; CREATE INDEX ia ON t(f_a,id); CREATE INDEX ib ON t(f_b,id); CREATE INDEX ic ON t(f_c,id);`,
 `INSERT INTO t (id,position,body,f_a,f_b,f_c) VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET body=excluded.body, position=excluded.position, f_a=excluded.f_a, f_b=excluded.f_b, f_c=excluded.f_c WHERE t.position < excluded.position`,
 (d, p) => [d.id, p, d.json, d.a, d.b, d.c]);
run('v2 table, sql json_extract columns', `CREATE TABLE t (id TEXT PRIMARY KEY, position INTEGER NOT NULL, body TEXT NOT NULL, f_a ANY, f_b ANY, f_c ANY) STRICT; CREATE INDEX ia ON t(f_a,id); CREATE INDEX ib ON t(f_b,id); CREATE INDEX ic ON t(f_c,id);`,
 `INSERT INTO t (id,position,body,f_a,f_b,f_c) VALUES (@id,@p,@j,json_extract(@j,'$.customerId'),json_extract(@j,'$.ownerStreamId'),json_extract(@j,'$.totalCents')) ON CONFLICT (id) DO UPDATE SET body=excluded.body, position=excluded.position, f_a=excluded.f_a, f_b=excluded.f_b, f_c=excluded.f_c WHERE t.position < excluded.position`,
 (d, p) => [{ id: d.id, p, j: d.json }]);
run('v2 table, no secondary idx', `CREATE TABLE t (id TEXT PRIMARY KEY, position INTEGER NOT NULL, body TEXT NOT NULL, f_a ANY, f_b ANY, f_c ANY) STRICT;`,
 `INSERT INTO t (id,position,body,f_a,f_b,f_c) VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET body=excluded.body, position=excluded.position, f_a=excluded.f_a, f_b=excluded.f_b, f_c=excluded.f_c WHERE t.position < excluded.position`,
 (d, p) => [d.id, p, d.json, d.a, d.b, d.c]);
run('v2 plain insert, no idx', `CREATE TABLE t (id TEXT PRIMARY KEY, position INTEGER NOT NULL, body TEXT NOT NULL, f_a ANY, f_b ANY, f_c ANY) STRICT;`,
 `INSERT INTO t (id,position,body,f_a,f_b,f_c) VALUES (?,?,?,?,?,?)`,
 (d, p) => [d.id, p, d.json, d.a, d.b, d.c]);
console.log('avg json bytes', Math.round(docs.reduce((s, d) => s + d.json.length, 0) / N));
