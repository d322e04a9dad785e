/**
 * Applies registered upcasters on read: (eventType, schemaVersion) -> the next version, repeated
 * until no upcaster applies. Registrations are checked up front, so a gap or a double
 * registration fails at start-up rather than silently on some old event.
 */
import { Upcaster } from '../upcasting';

export const DEFAULT_SCHEMA_VERSION = 1;

export class UpcasterRegistrationError extends Error {
  readonly code = 'UPCASTER_REGISTRATION';
  constructor(message: string) {
    super(message);
    this.name = 'UpcasterRegistrationError';
  }
}

export interface Upcastable {
  type: string;
  data: Record<string, unknown>;
  metadata: { schemaVersion?: number; [key: string]: unknown };
}

export class UpcasterChain {
  /** eventType -> fromSchemaVersion -> upcaster */
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) this.register(upcaster);
    for (const [eventType, steps] of this.byType) assertContiguous(eventType, steps);
  }

  /** The version events of this type are written in today: one past the newest upcaster. */
  currentVersion(eventType: string): number {
    const steps = this.byType.get(eventType);
    if (!steps) return DEFAULT_SCHEMA_VERSION;
    return Math.max(...steps.keys()) + 1;
  }

  /**
   * Names the registered steps (`type@from`, sorted): what an aggregate folded from upcast events
   * depends on, so a snapshot taken under other upcasters is not reused (docs/decisions.md D24).
   */
  fingerprint(): string {
    const steps: string[] = [];
    for (const [eventType, byVersion] of this.byType)
      for (const from of byVersion.keys()) steps.push(`${eventType}@${from}`);
    return steps.sort().join(',');
  }

  upcast<E extends Upcastable>(event: E): E {
    const steps = this.byType.get(event.type);
    let version = event.metadata.schemaVersion ?? DEFAULT_SCHEMA_VERSION;
    let data = event.data;
    // Each step raises the version by one, so the loop ends after at most steps.size rounds.
    for (let step = steps?.get(version); step; step = steps?.get(version)) {
      data = step.upcast(data);
      assertPlainObject(data, event.type, version);
      version += 1;
    }
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }

  private register(upcaster: Upcaster): void {
    const { eventType, fromSchemaVersion } = upcaster;
    if (typeof eventType !== 'string' || eventType.length === 0) {
      throw new UpcasterRegistrationError('An upcaster needs an event type');
    }
    if (!Number.isInteger(fromSchemaVersion) || fromSchemaVersion < DEFAULT_SCHEMA_VERSION) {
      throw new UpcasterRegistrationError(
        `Upcaster for ${eventType} has an invalid fromSchemaVersion ${String(fromSchemaVersion)}; versions start at 1`,
      );
    }
    const steps = this.byType.get(eventType) ?? new Map<number, Upcaster>();
    if (steps.has(fromSchemaVersion)) {
      throw new UpcasterRegistrationError(
        `Two upcasters are registered for ${eventType} from schema version ${fromSchemaVersion}`,
      );
    }
    steps.set(fromSchemaVersion, upcaster);
    this.byType.set(eventType, steps);
  }
}

function assertContiguous(eventType: string, steps: Map<number, Upcaster>): void {
  const versions = [...steps.keys()].sort((a, b) => a - b);
  versions.forEach((version, index) => {
    if (index > 0 && version !== versions[index - 1]! + 1) {
      throw new UpcasterRegistrationError(
        `Upcasters for ${eventType} skip from version ${versions[index - 1]! + 1} to ${version}; ` +
          `events stored in version ${versions[index - 1]! + 1} could never reach the current shape`,
      );
    }
  });
}

function assertPlainObject(
  data: unknown,
  eventType: string,
  fromVersion: number,
): asserts data is Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError(`Upcaster for ${eventType} from version ${fromVersion} did not return an object`);
  }
}
