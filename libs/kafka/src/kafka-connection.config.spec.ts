import { ConfigError } from '@news/env';
import { describeKafkaConnection, kafkaConnectionFromEnv, type KafkaEnv } from './kafka-connection.config';

function problemsOf(env: KafkaEnv, readFile?: (path: string) => string): string[] {
  try {
    kafkaConnectionFromEnv(env, { readFile });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('kafkaConnectionFromEnv', () => {
  it('defaults to the local broker when KAFKA_BROKERS is unset', () => {
    const connection = kafkaConnectionFromEnv({});
    expect(connection).toMatchObject({
      brokers: ['127.0.0.1:9092'],
      clientId: 'news-ingest',
      ssl: false,
      sasl: undefined,
      local: true,
      logLevel: 'warn',
    });
  });

  it('follows KAFKA_PORT for the local broker', () => {
    expect(kafkaConnectionFromEnv({ KAFKA_PORT: '19092' }).brokers).toEqual(['127.0.0.1:19092']);
  });

  it('treats a blank KAFKA_BROKERS as unset', () => {
    expect(kafkaConnectionFromEnv({ KAFKA_BROKERS: '  ' }).local).toBe(true);
  });

  it('parses a comma list of brokers, trimming spaces', () => {
    const connection = kafkaConnectionFromEnv({
      KAFKA_BROKERS: 'kafka-1.internal:9092, kafka-2.internal:9093,[2001:db8::1]:9094',
    });
    expect(connection.brokers).toEqual([
      'kafka-1.internal:9092',
      'kafka-2.internal:9093',
      '[2001:db8::1]:9094',
    ]);
    expect(connection.local).toBe(false);
  });

  it('calls one loopback plaintext broker local, and not when TLS or SASL is on', () => {
    expect(kafkaConnectionFromEnv({ KAFKA_BROKERS: 'localhost:29092' }).local).toBe(true);
    expect(kafkaConnectionFromEnv({ KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_SSL: 'true' }).local).toBe(false);
    expect(kafkaConnectionFromEnv({ KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9094' }).local).toBe(false);
  });

  it('names every bad broker entry', () => {
    const [problem] = problemsOf({ KAFKA_BROKERS: 'good:9092,nocolon,bad:port,,big:70000' });
    expect(problem).toContain('KAFKA_BROKERS');
    for (const bad of ['"nocolon"', '"bad:port"', '""', '"big:70000"']) expect(problem).toContain(bad);
    expect(problem).not.toContain('"good:9092"');
  });

  it('builds SASL options only when a mechanism is chosen', () => {
    const connection = kafkaConnectionFromEnv({
      KAFKA_BROKERS: 'broker:9096',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'ingest',
      KAFKA_SASL_PASSWORD: ' s3cret ',
    });
    expect(connection.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'ingest', password: ' s3cret ' });
  });

  it('requires credentials when SASL is on, naming each missing one', () => {
    const problems = problemsOf({ KAFKA_SASL_MECHANISM: 'plain' });
    expect(problems).toEqual([
      'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM=plain',
      'KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM=plain',
    ]);
  });

  it('rejects unknown mechanisms and credentials without a mechanism', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi' })[0]).toMatch(
      /^KAFKA_SASL_MECHANISM="gssapi" must be one of plain, scram-sha-256, scram-sha-512/,
    );
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual([
      'KAFKA_SASL_USERNAME is set but KAFKA_SASL_MECHANISM is not',
      'KAFKA_SASL_PASSWORD is set but KAFKA_SASL_MECHANISM is not',
    ]);
  });

  it('turns TLS on with a CA file and reads it', () => {
    const connection = kafkaConnectionFromEnv(
      { KAFKA_BROKERS: 'b:9093', KAFKA_SSL_CA_FILE: '/etc/ca.pem' },
      { readFile: (path) => `PEM from ${path}` },
    );
    expect(connection.ssl).toEqual({ ca: ['PEM from /etc/ca.pem'], rejectUnauthorized: true });
  });

  it('reports an unreadable CA file and a CA file with TLS switched off', () => {
    const unreadable = problemsOf({ KAFKA_SSL_CA_FILE: '/missing.pem' }, () => {
      throw new Error('ENOENT');
    });
    expect(unreadable).toEqual(['KAFKA_SSL_CA_FILE="/missing.pem" cannot be read (ENOENT)']);
    expect(problemsOf({ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '/ca.pem' })).toEqual([
      'KAFKA_SSL_CA_FILE is set but KAFKA_SSL=false',
    ]);
  });

  it('collects every problem at once', () => {
    const problems = problemsOf({
      KAFKA_BROKERS: 'x',
      KAFKA_CLIENT_ID: 'has space',
      KAFKA_SSL: 'maybe',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_REQUEST_TIMEOUT_MS: '-5',
      KAFKA_LOG_LEVEL: 'verbose',
    });
    const named = [
      'KAFKA_BROKERS',
      'KAFKA_CLIENT_ID',
      'KAFKA_SSL',
      'KAFKA_SASL_PASSWORD',
      'KAFKA_REQUEST_TIMEOUT_MS',
      'KAFKA_LOG_LEVEL',
    ];
    expect(problems).toHaveLength(named.length);
    for (const name of named) expect(problems.some((p) => p.startsWith(name))).toBe(true);
  });

  it('describes the connection without secrets', () => {
    const connection = kafkaConnectionFromEnv({
      KAFKA_BROKERS: 'b:9096',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'hunter2',
    });
    expect(JSON.stringify(describeKafkaConnection(connection))).not.toContain('hunter2');
  });
});
