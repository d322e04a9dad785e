/** SPOT reads its decision inputs with the shared readers; SpotInputError is their error class. */
export * from '../../../decision-inputs';
export { DecisionInputError as SpotInputError } from '../../../decision-inputs';
