// The two shapes the transport and the pipeline exchange. They live here, below both, so that the Kafka adapter
// (platform) and the pipeline (orchestration) stand side by side and neither imports the other.

/** One input event as the transport hands it over: the payload plus where it came from. */
export interface RawEnvelope {
  value: Buffer | string | null;
  key: string | null;
  headers: Record<string, string>;
  topic: string;
  partition: number;
  offset: string;
  /** Broker timestamp (ms since epoch, as a string, the way kafkajs gives it). */
  timestamp?: string;
}

/** What the transport publishes for one input: exactly one record per input. */
export interface OutputRecord {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  value: string;
}
