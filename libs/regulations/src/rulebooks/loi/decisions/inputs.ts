/** LOI reads its decision inputs with the shared readers; LoiInputError is their error class. */
export * from '../../../decision-inputs';
export { DecisionInputError as LoiInputError } from '../../../decision-inputs';
