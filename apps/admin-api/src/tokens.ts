/** Injection tokens of the ledger's infrastructure (defined by libs/application, shared by its command handlers). */
export {
  CLOCK,
  COMMAND_PIPELINE,
  LEDGER_CONFIG,
  PROJECTION_RUNNER,
  READ_MODELS,
  RULEBOOKS,
  SCHEDULER,
  STORAGE,
} from '@ledger/application';
export const METRICS = Symbol('METRICS');
/** The API's requests in flight, which scheduler runs give way to (RequestsInFlight). */
export const REQUESTS_IN_FLIGHT = Symbol('REQUESTS_IN_FLIGHT');
