import { TransientError } from '@news/contracts';
import type { ArticleClaim, DedupPolicy, DedupStore, DedupVerdict } from '../dedup.types';
import { InMemoryDedupStore, type IndexEntry } from '../in-memory-dedup.store';
import { encodeEntry } from './dedup-changelog.codec';

/** A changelog record, ready for the partition's transaction (the shape of an output record). */
export interface ChangelogRecord {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface ChangelogDedupStoreOptions {
  /** The compacted changelog topic. */
  topic: string;
  /** How long a transaction may wait for the claims before it to commit (default 10 s), then it is retried. */
  orderTimeoutMs?: number;
}

/** The claims of one input partition's open transaction: what they wrote and how to take it back. */
interface Run {
  partition: number;
  entries: IndexEntry[];
  undo: Array<() => void>;
  /** Resolved when this run is the oldest one left, rejected when it is rolled back. */
  turn?: { resolve(): void; reject(error: Error): void };
}

/**
 * The in-memory store made durable the way a Kafka Streams state store is: every write of a claim goes to a
 * compacted changelog topic inside the transaction that publishes the claim's outputs and commits its input
 * offsets, and a starting worker rebuilds the index from that topic before it consumes.
 *
 * The index is shared by all input partitions while each partition commits in its own transaction, so a claim
 * can see another partition's claim that is not committed yet. Two rules keep the committed changelog exactly the
 * index the committed outputs were decided against:
 * - Transactions commit their claims in the order the claims were made: a partition's transaction writes its
 *   changelog records only once every earlier claim is committed (recordsFor waits for its turn). After a crash,
 *   the committed claims are therefore always a prefix of the claim history; no committed verdict rests on a claim
 *   that was lost. The records of one key are also appended in claim order, which is what compaction keeps.
 * - A transaction that aborts takes its claims back, and with them every later claim (they may have seen it):
 *   those are undone newest first and their partitions' transactions are failed as transient, so they are
 *   decided again against the index as committed.
 * Requires exactly-once delivery and one worker instance (docs/operations.md, Dedup changelog).
 */
export class ChangelogDedupStore implements DedupStore {
  /** Open runs, oldest first: the claim history after the last committed claim. */
  private readonly runs: Run[] = [];
  private readonly byPartition = new Map<number, Run>();
  /** Partitions whose claims were rolled back while their transaction was open: it must abort. */
  private readonly rolledBack = new Set<number>();
  private readonly orderTimeoutMs: number;

  constructor(
    readonly index: InMemoryDedupStore,
    private readonly options: ChangelogDedupStoreOptions,
  ) {
    this.orderTimeoutMs = options.orderTimeoutMs ?? 10_000;
  }

  // async only to turn throws into rejections: nothing is awaited, so a batch is claimed in one go, in order.
  // eslint-disable-next-line @typescript-eslint/require-await
  async claimBatch(claims: ArticleClaim[], policy: DedupPolicy): Promise<DedupVerdict[]> {
    if (claims.length === 0) return [];
    const partition = partitionOf(claims[0].inputRef);
    if (claims.some((claim) => partitionOf(claim.inputRef) !== partition))
      throw new Error('a claim batch must hold inputs of one partition');
    this.assertNotRolledBack(partition);
    let run = this.byPartition.get(partition);
    // A second batch of one transaction (the transport isolating a failing input) after other partitions'
    // claims: those must go, or this transaction and theirs would each have to commit before the other.
    if (run && this.runs[this.runs.length - 1] !== run) this.rollBack(this.runs.indexOf(run) + 1);
    const recorded = this.index.claimRecorded(claims, policy);
    if (!run) {
      run = { partition, entries: [], undo: [] };
      this.runs.push(run);
      this.byPartition.set(partition, run);
    }
    run.entries.push(...recorded.entries);
    run.undo.push(...recorded.undo);
    return recorded.verdicts;
  }

  /**
   * The changelog records of the partition's open transaction, once every earlier claim is committed; none when
   * the transaction claimed nothing. Rejects with TransientError when its claims were rolled back (or waited
   * longer than orderTimeoutMs): the transaction must then abort.
   */
  async recordsFor(partition: number): Promise<ChangelogRecord[]> {
    this.assertNotRolledBack(partition);
    const run = this.byPartition.get(partition);
    if (!run) return [];
    if (this.runs[0] !== run) await this.waitForTurn(run);
    return run.entries.map((entry) => ({ topic: this.options.topic, headers: {}, ...encodeEntry(entry) }));
  }

  /** The partition's transaction committed: its claims are now part of the durable index. */
  committed(partition: number): void {
    const run = this.byPartition.get(partition);
    if (!run) return;
    this.byPartition.delete(partition);
    const at = this.runs.indexOf(run);
    if (at >= 0) this.runs.splice(at, 1);
    this.wakeOldest();
  }

  /** The partition's transaction aborted: its claims, and every later one, are taken back. */
  aborted(partition: number): void {
    this.rolledBack.delete(partition);
    const run = this.byPartition.get(partition);
    if (run) this.rollBack(this.runs.indexOf(run), partition);
  }

  /** Rebuilds the index from changelog entries (each key's writes in changelog order); before any claim. */
  restore(entries: Iterable<IndexEntry>): number {
    const restoration = this.restoration();
    for (const entry of entries) restoration.add(entry);
    return restoration.finish();
  }

  /** restore() record by record, as a changelog read delivers them. */
  restoration(): { add(entry: IndexEntry): void; finish(): number } {
    if (this.runs.length > 0) throw new Error('restore must come before the first claim');
    return this.index.restoration();
  }

  /** Claims made but not yet committed (for metrics and tests). */
  pendingClaims(): number {
    return this.runs.reduce((sum, run) => sum + run.entries.filter((e) => e.map === 'inputs').length, 0);
  }

  size(): Promise<number> {
    return this.index.size();
  }

  close(): Promise<void> {
    for (const run of this.runs) run.turn?.reject(new TransientError('dedup store closed'));
    this.runs.length = 0;
    this.byPartition.clear();
    return this.index.close();
  }

  /** Undoes the runs from `from` on, newest first; their partitions (but `except`) must abort. */
  private rollBack(from: number, except?: number): void {
    const undone = this.runs.splice(from);
    for (let r = undone.length - 1; r >= 0; r--) {
      const run = undone[r];
      for (let u = run.undo.length - 1; u >= 0; u--) run.undo[u]();
      this.byPartition.delete(run.partition);
      if (run.partition === except) continue;
      this.rolledBack.add(run.partition);
      run.turn?.reject(rolledBackError(run.partition));
    }
    this.wakeOldest();
  }

  private waitForTurn(run: Run): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        run.turn = undefined;
        const at = this.runs.indexOf(run);
        if (at >= 0) this.rollBack(at, run.partition);
        reject(
          new TransientError(
            `dedup claims of partition ${run.partition} waited ${this.orderTimeoutMs} ms for earlier claims to commit`,
          ),
        );
      }, this.orderTimeoutMs);
      run.turn = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  private wakeOldest(): void {
    const oldest = this.runs[0];
    if (!oldest?.turn) return;
    const turn = oldest.turn;
    oldest.turn = undefined;
    turn.resolve();
  }

  private assertNotRolledBack(partition: number): void {
    if (this.rolledBack.has(partition)) throw rolledBackError(partition);
  }
}

function rolledBackError(partition: number): TransientError {
  return new TransientError(
    `dedup claims of partition ${partition} were rolled back (an earlier transaction aborted): the slice is retried`,
  );
}

/** The input partition of an inputRef `topic/partition/offset`. */
function partitionOf(inputRef: string): number {
  const parts = inputRef.split('/');
  const partition = parts.length >= 3 ? Number(parts[parts.length - 2]) : NaN;
  if (!Number.isInteger(partition))
    throw new Error(`inputRef ${JSON.stringify(inputRef)} names no partition (topic/partition/offset)`);
  return partition;
}
