/** Where a question came from; used for metrics, logs and feedback, never for ranking. */
export type Platform = 'slack' | 'discord' | 'web' | 'cli';
