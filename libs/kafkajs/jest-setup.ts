// jest keeps its own module registry and ignores require.cache, so installReadCommittedFilter cannot reach the
// kafkajs that specs load. This maps kafkajs' read_committed filter module to the same fix for every spec and
// integration test (jest.config.js, setupFiles); assertReadCommittedFilter still checks it through a real Batch.
jest.mock(
  require.resolve('kafkajs/src/consumer/filterAbortedMessages.js'),
  () =>
    jest.requireActual<typeof import('./src/filter-aborted-messages')>('./src/filter-aborted-messages')
      .filterAbortedMessages,
);
