// Integration tests start processes and wait on a real broker: give them room, the runner still bounds them.
jest.setTimeout(180_000);
