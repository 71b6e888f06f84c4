import { ingestBench } from './ingest.ts';
const r = await ingestBench.run();
console.log(JSON.stringify(r.rows), r.notes);
