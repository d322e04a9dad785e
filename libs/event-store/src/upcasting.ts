/**
 * Upcasting on read: a stored event keeps the shape it was written in; readers always see the
 * current shape. An upcaster lifts one event type from one schema version to the next.
 */
export interface Upcaster {
  eventType: string;
  fromSchemaVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}
