/**
 * Licence acts of a member organisation (participant): registration with its fee and tier,
 * renewal, reminders, revocation, coordinators, leaving. (Shape to be completed with the
 * participant neutralisation.)
 */
export interface LicenceActs {
  /** Placeholder until the licence acts are defined. */
  readonly placeholder?: never;
}
