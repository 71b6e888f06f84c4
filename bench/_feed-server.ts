/**
 * Child process of bench/feed.ts: serves the generated feed of `events` events, as a real
 * feed server would from another machine, so its work is not charged to the pulling process.
 * Sends its URL to the parent over IPC.
 */
import { serve } from './feed.ts';

const server = await serve(Number(process.argv[2]));
process.send?.({ url: server.url });
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
