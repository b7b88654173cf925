import { readFileSync } from 'node:fs';
import { EnvReader } from '@news/env';
import type { SASLOptions } from 'kafkajs';

/**
 * Where the Kafka cluster is and how to reach it: the one place that decides it for `npm run up`, the
 * worker, the tests and the benchmarks. It reads through @news/env's EnvReader, from an env object rather than
 * process.env, so that callers (and specs) decide where configuration comes from.
 *
 *   KAFKA_BROKERS              host:port[,host:port...]; unset → the local broker of tools/kafka/kafka.sh
 *                              on 127.0.0.1:KAFKA_PORT (default 9092)
 *   KAFKA_CLIENT_ID            default "news-ingest"
 *   KAFKA_SSL                  true/false; on by default when KAFKA_SSL_CA_FILE is set
 *   KAFKA_SSL_CA_FILE          PEM file with the CA(s) to trust (optional; system CAs otherwise)
 *   KAFKA_SSL_REJECT_UNAUTHORIZED  default true
 *   KAFKA_SASL_MECHANISM       plain | scram-sha-256 | scram-sha-512 (unset → no SASL)
 *   KAFKA_SASL_USERNAME/PASSWORD  required when KAFKA_SASL_MECHANISM is set
 *   KAFKA_CONNECTION_TIMEOUT_MS  default 3000;  KAFKA_REQUEST_TIMEOUT_MS  default 30000
 *   KAFKA_LOG_LEVEL            nothing | error | warn | info | debug (default warn): kafkajs' own logs
 */

export type KafkaEnv = Readonly<Record<string, string | undefined>>;

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export const KAFKA_LOG_LEVELS = ['nothing', 'error', 'warn', 'info', 'debug'] as const;
export type KafkaLogLevelName = (typeof KAFKA_LOG_LEVELS)[number];

export interface KafkaTls {
  /** PEM contents of KAFKA_SSL_CA_FILE, when given. */
  ca?: string[];
  rejectUnauthorized: boolean;
}

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** kafkajs-compatible: false, or TLS options. */
  ssl: false | KafkaTls;
  /** kafkajs-compatible SASL options, or undefined when SASL is off. */
  sasl: SASLOptions | undefined;
  /**
   * True when the cluster is a single plaintext broker on this machine (KAFKA_BROKERS unset, or one loopback
   * address): the kind tools/kafka/kafka.sh runs, which tests may stop and start. False for anything remote,
   * multi-broker, TLS or SASL.
   */
  local: boolean;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  logLevel: KafkaLogLevelName;
}

export const LOCAL_KAFKA_HOST = '127.0.0.1';
export const LOCAL_KAFKA_PORT = 9092;

export interface KafkaConnectionDeps {
  /** Reads KAFKA_SSL_CA_FILE; replaceable in specs. */
  readFile?: (path: string) => string;
}

const CLIENT_ID = /^[A-Za-z0-9._-]+$/;
// host:port, where host is a name, an IPv4 address or a bracketed IPv6 address.
const BROKER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;
const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/i;

/** Parses and validates; throws ConfigError naming every bad variable. */
export function kafkaConnectionFromEnv(env: KafkaEnv, deps: KafkaConnectionDeps = {}): KafkaConnection {
  const read = new EnvReader(env);
  const connection = readKafkaConnection(read, deps);
  read.throwIfInvalid();
  return connection;
}

/**
 * The connection, its problems added to `read.issues` (the worker reads it with the rest of its configuration,
 * so that one error names every bad variable). Only meaningful when no issue was added.
 */
export function readKafkaConnection(read: EnvReader, deps: KafkaConnectionDeps = {}): KafkaConnection {
  // Brokers: explicit list, or the local broker.
  const brokerList = read.raw('KAFKA_BROKERS');
  let brokers: string[];
  if (brokerList === undefined) {
    brokers = [`${LOCAL_KAFKA_HOST}:${read.integer('KAFKA_PORT', LOCAL_KAFKA_PORT, 1, 65_535)}`];
  } else {
    brokers = brokerList.split(',').map((entry) => entry.trim());
    const bad = brokers.filter((entry) => {
      const match = BROKER.exec(entry);
      return !match || Number(match[2]) < 1 || Number(match[2]) > 65_535;
    });
    if (bad.length > 0) {
      read.issues.push(
        `KAFKA_BROKERS has invalid entries ${bad.map((b) => JSON.stringify(b)).join(', ')} (expected host:port[,host:port...])`,
      );
    }
  }

  const clientId = read.raw('KAFKA_CLIENT_ID') ?? 'news-ingest';
  if (!CLIENT_ID.test(clientId))
    read.issues.push(
      `KAFKA_CLIENT_ID=${JSON.stringify(clientId)} may only contain letters, digits, ".", "_" and "-"`,
    );

  // TLS: a CA file implies TLS unless it is explicitly switched off, which is a contradiction worth naming.
  const caFile = read.raw('KAFKA_SSL_CA_FILE');
  const sslFlag = read.optionalBoolean('KAFKA_SSL');
  const rejectUnauthorized = read.boolean('KAFKA_SSL_REJECT_UNAUTHORIZED', true);
  let ssl: false | KafkaTls = false;
  if (caFile !== undefined && sslFlag === false) {
    read.issues.push('KAFKA_SSL_CA_FILE is set but KAFKA_SSL=false');
  } else if (sslFlag === true || caFile !== undefined) {
    ssl = { rejectUnauthorized };
    if (caFile !== undefined) {
      try {
        ssl.ca = [(deps.readFile ?? ((path: string) => readFileSync(path, 'utf8')))(caFile)];
      } catch (error) {
        read.issues.push(
          `KAFKA_SSL_CA_FILE=${JSON.stringify(caFile)} cannot be read (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
  }

  const sasl = readSasl(read);
  const connectionTimeoutMs = read.integer('KAFKA_CONNECTION_TIMEOUT_MS', 3_000, 100, 300_000);
  const requestTimeoutMs = read.integer('KAFKA_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
  const logLevel = read.oneOf('KAFKA_LOG_LEVEL', KAFKA_LOG_LEVELS, 'warn', true);

  const local =
    brokers.length === 1 &&
    LOOPBACK.test(brokers[0].slice(0, brokers[0].lastIndexOf(':'))) &&
    ssl === false &&
    sasl === undefined;
  return { brokers, clientId, ssl, sasl, local, connectionTimeoutMs, requestTimeoutMs, logLevel };
}

/** SASL: credentials are required only when a mechanism is chosen, and ignored credentials are a mistake. */
function readSasl(read: EnvReader): SASLOptions | undefined {
  const mechanismText = read.raw('KAFKA_SASL_MECHANISM')?.toLowerCase();
  const username = read.raw('KAFKA_SASL_USERNAME');
  const password = read.untrimmed('KAFKA_SASL_PASSWORD'); // a password may start or end with a space
  if (mechanismText === undefined) {
    if (username !== undefined)
      read.issues.push('KAFKA_SASL_USERNAME is set but KAFKA_SASL_MECHANISM is not');
    if (password !== undefined && password !== '')
      read.issues.push('KAFKA_SASL_PASSWORD is set but KAFKA_SASL_MECHANISM is not');
    return undefined;
  }
  const mechanism = read.oneOf('KAFKA_SASL_MECHANISM', SASL_MECHANISMS, 'plain', true);
  if (mechanism !== mechanismText) return undefined;
  if (username === undefined)
    read.issues.push(`KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM=${mechanism}`);
  if (password === undefined || password === '')
    read.issues.push(`KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM=${mechanism}`);
  return { mechanism, username: username ?? '', password: password ?? '' };
}

/** The connection as it is safe to log: no password, no CA contents. */
export function describeKafkaConnection(connection: KafkaConnection): Record<string, unknown> {
  return {
    brokers: connection.brokers,
    clientId: connection.clientId,
    ssl:
      connection.ssl === false
        ? false
        : {
            ca: connection.ssl.ca ? 'file' : 'system',
            rejectUnauthorized: connection.ssl.rejectUnauthorized,
          },
    sasl: connection.sasl ? { mechanism: connection.sasl.mechanism, credentials: '***' } : false,
    local: connection.local,
  };
}
