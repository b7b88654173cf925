/** A start-up failure the operator can fix from its message alone: printed without a stack. */
export class StartupError extends Error {}
