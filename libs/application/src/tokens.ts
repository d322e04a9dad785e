/** Injection tokens of the ledger's infrastructure. */
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
export const STORAGE = Symbol('STORAGE');
export const RULEBOOKS = Symbol('RULEBOOKS');
export const CLOCK = Symbol('CLOCK');
export const COMMAND_PIPELINE = Symbol('COMMAND_PIPELINE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
export const READ_MODELS = Symbol('READ_MODELS');
export const SCHEDULER = Symbol('SCHEDULER');
/** Times every command a handler runs (CommandObserver; the API's metrics). Optional. */
export const COMMAND_OBSERVER = Symbol('COMMAND_OBSERVER');
