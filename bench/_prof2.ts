import { feedBench } from './feed.ts';
const r = await feedBench.run();
console.log(JSON.stringify(r.rows), r.notes);
