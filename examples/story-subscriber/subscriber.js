#!/usr/bin/env node
// A downstream service of news-ingest in plain Node: follows the enriched topic through @news-ingest/consumer,
// keeps the stories its filter asks for and prints one line per story (title, primary countries, topics, people,
// then the articleId). Bad values are reported on stderr and skipped. Ctrl-C (or SIGTERM) leaves the group.
//
//   node subscriber.js [--topics armed-conflict,diplomacy] [--countries UA,RU] [--primary-countries UA]
//                      [--geopolitical true|false] [--brokers host:9092] [--group story-subscriber]
//                      [--topic news.articles.enriched.v1] [--from-beginning false]
'use strict';
const { parseArgs } = require('node:util');
const { createSubscriber } = require('@news-ingest/consumer');

const { values: args } = parseArgs({
  options: {
    brokers: { type: 'string', default: process.env.KAFKA_BROKERS || '127.0.0.1:9092' },
    topic: { type: 'string', default: process.env.TOPIC_ENRICHED || 'news.articles.enriched.v1' },
    group: { type: 'string', default: 'story-subscriber' },
    topics: { type: 'string' },
    countries: { type: 'string' },
    'primary-countries': { type: 'string' },
    geopolitical: { type: 'string' },
    'from-beginning': { type: 'string', default: 'true' },
  },
});

const list = (value) => (value === undefined ? undefined : value.split(',').map((item) => item.trim()));
const filter = {
  topics: list(args.topics),
  countries: list(args.countries),
  primaryCountries: list(args['primary-countries']),
  geopolitical: args.geopolitical === undefined ? undefined : args.geopolitical === 'true',
};
const given = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));

const subscriber = createSubscriber({
  brokers: args.brokers.split(','),
  groupId: args.group,
  topics: { enriched: args.topic },
  filter: Object.keys(given).length > 0 ? given : undefined,
  fromBeginning: args['from-beginning'] !== 'false',
});

function storyLine(article) {
  const primary = article.countries.filter((country) => country.primary).map((country) => country.code);
  const topics = article.topics.map((topic) => topic.id);
  const people = article.entities.filter((entity) => entity.type === 'person').map((person) => person.name);
  const or = (items, separator) => (items.length > 0 ? items.join(separator) : '-');
  const title = article.title.replace(/\s+/g, ' ').trim() || '(untitled)';
  return `${title} | ${or(primary, ' ')} | ${or(topics, ', ')} | ${or(people, ', ')} | ${article.articleId}`;
}

const handlers = {
  enriched: (article) => {
    process.stdout.write(`${storyLine(article)}\n`);
  },
  error: (problem) => {
    const at = `${problem.topic}/${problem.partition}@${problem.offset}`;
    process.stderr.write(
      `story-subscriber: skipped a bad event at ${at}: ${problem.code}: ${problem.message}\n`,
    );
  },
};

async function main() {
  // Started before the worker has created its topics (beside `npm run up`), it waits for them.
  for (let waited = false; ; waited = true) {
    try {
      await subscriber.run(handlers);
      break;
    } catch (error) {
      if (error.type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
      if (!waited) process.stderr.write(`story-subscriber: waiting for topic ${args.topic}\n`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  process.stderr.write(
    `story-subscriber: following ${args.topic} as ${args.group}, filter ${JSON.stringify(given)}\n`,
  );
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await subscriber.stop();
  const { delivered, filtered, bad } = subscriber.stats;
  process.stderr.write(
    `story-subscriber: stopped; ${delivered} stories, ${filtered} filtered out, ${bad} bad\n`,
  );
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

main().catch((error) => {
  process.stderr.write(`story-subscriber: ${error.name}: ${error.message}\n`);
  process.exit(1);
});
