import { correlateBench } from './correlate.ts';
import { extractBench } from './extract.ts';
import { ingestBench } from './ingest.ts';
import { feedBench } from './feed.ts';
import { apiBench } from './api.ts';
import type { Bench } from './lib.ts';

/** Every benchmark, in the order `npm run bench` runs them. Add a bench here, nowhere else. */
export const BENCHES: readonly Bench[] = [ingestBench, extractBench, feedBench, correlateBench, apiBench];
