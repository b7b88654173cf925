import { DEFAULT_TOPICS } from '@news/contracts';
import { ConfigError } from '@news/env';
import { describeWorkerConfig, loadWorkerConfig } from './worker-config';

describe('loadWorkerConfig', () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:9092' };

  it('fills in documented defaults', () => {
    const config = loadWorkerConfig(base);
    expect(config.topics.names).toEqual(DEFAULT_TOPICS);
    expect(config.deliveryMode).toBe('exactly-once');
    expect(config.outputCompression).toBe('zstd');
    expect(config.dedup.store).toBe('memory');
    expect(config.groupId).toBe('news-ingest');
    expect(config.transactionalIdPrefix).toBe('news-ingest');
    expect(config.topics.rawMaxMessageBytes).toBeGreaterThanOrEqual(config.maxPayloadBytes);
    // docs/worker.md states these, and the k8s memory limit is sized from them.
    expect(config.pipelineThreads).toBe(2);
    expect(config.pipelineYoungGenerationMb).toBe(256);
    expect(config.dedup.maxEntries).toBe(1_000_000);
  });

  it('keeps the in-memory store on a changelog by default, and only where it can work', () => {
    expect(loadWorkerConfig(base).dedup.changelog).toEqual({
      topic: 'news-ingest.dedup-changelog.v1',
      partitions: 6,
      retentionMs: 28 * 24 * 3600 * 1000,
    });
    // Named after the group, so that another deployment's index is never restored.
    expect(loadWorkerConfig({ ...base, KAFKA_GROUP_ID: 'other' }).dedup.changelog?.topic).toBe(
      'other.dedup-changelog.v1',
    );
    expect(loadWorkerConfig({ ...base, DEDUP_CHANGELOG: 'false' }).dedup.changelog).toBeUndefined();
    expect(loadWorkerConfig({ ...base, DELIVERY_MODE: 'at-least-once' }).dedup.changelog).toBeUndefined();
    const redis = { ...base, DEDUP_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(loadWorkerConfig(redis).dedup.changelog).toBeUndefined();
    expect(() => loadWorkerConfig({ ...redis, DEDUP_CHANGELOG: 'true' })).toThrow(
      /DEDUP_CHANGELOG=true is for/,
    );
    expect(() =>
      loadWorkerConfig({ ...base, DEDUP_CHANGELOG: 'true', DELIVERY_MODE: 'at-least-once' }),
    ).toThrow(/needs DELIVERY_MODE=exactly-once/);
    expect(() => loadWorkerConfig({ ...base, TOPIC_DEDUP_CHANGELOG: DEFAULT_TOPICS.raw })).toThrow(
      /must differ from the event topics/,
    );
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadWorkerConfig({
        ...base,
        DELIVERY_MODE: 'maybe-once',
        PARTITION_CONCURRENCY: 'lots',
        BATCH_MAX_MESSAGES: '0',
        DEDUP_STORE: 'redis',
        TOPIC_ENRICHED: 'has space',
        LOG_LEVEL: 'loud',
        OUTPUT_COMPRESSION: 'brotli',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      for (const name of [
        'DELIVERY_MODE',
        'PARTITION_CONCURRENCY',
        'BATCH_MAX_MESSAGES',
        'REDIS_URL',
        'TOPIC_ENRICHED',
        'LOG_LEVEL',
        'OUTPUT_COMPRESSION',
      ]) {
        expect(message).toContain(name);
      }
      expect((error as ConfigError).issues).toHaveLength(7);
    }
  });

  it('reports broker problems from the Kafka connection parser together with its own', () => {
    expect(() => loadWorkerConfig({ KAFKA_BROKERS: 'no-port-here', SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(
      /KAFKA_BROKERS[\s\S]*SHUTDOWN_TIMEOUT_MS/,
    );
  });

  it('accepts the Redis store with a URL and keeps the password out of the logged form', () => {
    const config = loadWorkerConfig({
      ...base,
      DEDUP_STORE: 'redis',
      REDIS_URL: 'redis://:s3cret@127.0.0.1:6379/0',
    });
    expect(config.dedup.redisUrl).toContain('s3cret');
    expect(JSON.stringify(describeWorkerConfig(config))).not.toContain('s3cret');
  });

  it('refuses a raw topic limit below the accepted payload size', () => {
    expect(() =>
      loadWorkerConfig({ ...base, MAX_PAYLOAD_BYTES: '2000000', TOPIC_RAW_MAX_MESSAGE_BYTES: '1000000' }),
    ).toThrow(/TOPIC_RAW_MAX_MESSAGE_BYTES/);
  });
});
