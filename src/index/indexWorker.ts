/**
 * Worker-thread entry: builds the index of a corpus folder away from the thread answering questions, and posts
 * it back as plain data. Started by buildIndexInWorker (buildIndexFromFolder.ts); not imported by anything.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BotError } from '../errors.js';
import { buildIndexFromFolder, toTransferable, type IndexWorkerReply } from './buildIndexFromFolder.js';

const { dir } = workerData as { dir: string };

async function build(): Promise<IndexWorkerReply> {
  try {
    return { ok: true, index: toTransferable(await buildIndexFromFolder(dir)) };
  } catch (error) {
    return {
      ok: false,
      code: error instanceof BotError ? error.code : 'INDEX_LOAD_FAILED',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

parentPort?.postMessage(await build());
