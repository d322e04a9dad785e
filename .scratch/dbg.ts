import { SqliteReadStore } from '../libs/read-store/src/sqlite/sqlite-read-store';
(async () => {
  const s = SqliteReadStore.open('/tmp/dbg/r.sqlite');
  await s.ensureCollection({ name: 'p_v1_loaded', indexes: ['status', 'rank'] }, { deferIndexes: true });
  await s.commit({ name: 'p', version: 1 }, [{ kind: 'put', collection: 'p_v1_loaded', id: 'a', body: { status: 'open', rank: 2 } }], 1);
  console.log(await s.find('p_v1_loaded', {}));
  console.log(await s.find('p_v1_loaded', { where: { status: 'open' } }));
  console.log(s.explainFind('p_v1_loaded', { where: { status: 'open' } }));
})();
