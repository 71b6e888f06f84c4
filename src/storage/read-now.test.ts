import { expect, it } from 'vitest';
import { describeEachDb, useFreshDb } from '../../test/databases.ts';
import { readRows } from './index.ts';

describeEachDb('readRows', (kind) => {
  const fresh = useFreshDb(kind);
  const count = async () => Number((await readRows<{ n: number | string }>(fresh.current(), 'select count(*) as n from orgs', []))[0]!.n);
  const addOrg = (name: string) => fresh.current().kysely.insertInto('orgs').values({ uuid: `00000000-0000-4000-8000-${name.padStart(12, '0')}`, name, local: 1, created: 0 });

  it('reads committed rows', async () => {
    const before = await count();
    await addOrg('1').execute();
    expect(await count()).toBe(before + 1);
  });

  it("waits for a transaction in progress instead of reading its uncommitted rows", async () => {
    const before = await count();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const tx = fresh.current().kysely.transaction().execute(async (t) => {
      await t.insertInto('orgs').values({ uuid: '00000000-0000-4000-8000-000000000002', name: '2', local: 1, created: 0 }).execute();
      inside();
      await gate;
      throw new Error('roll back');
    });
    await started;
    let read: number | undefined;
    const reading = count().then((n) => (read = n));
    await new Promise((r) => setTimeout(r, 50));
    // SQLite has one connection: the read queues behind the transaction. PostgreSQL reads on another connection, outside it.
    if (kind === 'sqlite') expect(read).toBeUndefined();
    else expect(read).toBe(before);
    release();
    await expect(tx).rejects.toThrow('roll back');
    await reading;
    expect(read).toBe(before);
  });
});

