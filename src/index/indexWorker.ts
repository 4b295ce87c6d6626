/**
 * Worker-thread entry: builds the index of a corpus folder away from the thread answering questions, and posts
 * it back in small parts, one at a time as the receiver asks for the next (see indexParts.ts). Started by
 * buildIndexInWorker (buildIndexFromFolder.ts); not imported by anything.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BotError } from '../errors.js';
import { buildIndexFromFolder } from './buildIndexFromFolder.js';
import { indexParts, type IndexWorkerMessage } from './indexParts.js';

const { dir } = workerData as { dir: string };
const port = parentPort!;
const send = (message: IndexWorkerMessage) => port.postMessage(message);
const nextRequested = () => new Promise<void>((resolve) => port.once('message', () => resolve()));

try {
  const index = await buildIndexFromFolder(dir);
  for (const part of indexParts(index)) {
    send({ kind: 'part', part });
    await nextRequested();
  }
  send({ kind: 'done' });
} catch (error) {
  send({
    kind: 'failed',
    code: error instanceof BotError ? error.code : 'INDEX_LOAD_FAILED',
    message: error instanceof Error ? error.message : String(error),
  });
}
