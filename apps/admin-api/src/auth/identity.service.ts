import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  Identity,
  OidcVerifier,
  RegisterUserCommand,
  type AuthenticatedUser,
  type Clock,
  type LedgerConfig,
  type Storage,
} from '@ledger/application';
import { CLOCK, LEDGER_CONFIG, STORAGE } from '../tokens';
import { internalActor, nameBasedId } from '@ledger/application';

/** The ledger's registration of single sign-on users it sees for the first time. */
const SSO_REGISTRATION_ACTOR = internalActor('sso-registration', 'api');

/** Identity for the API: who calls (guard) and who acted (event and decision views). */
@Injectable()
export class IdentityService {
  private readonly logger = new Logger('Identity');
  private readonly identity: Identity;

  constructor(
    @Inject(STORAGE) storage: Storage,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commandBus: CommandBus,
  ) {
    const oidc = config.oidc ? new OidcVerifier(config.oidc, (message) => this.logger.warn(message)) : undefined;
    this.identity = new Identity(storage.eventStore, config, clock, oidc);
  }

  authenticate(presented: string): Promise<AuthenticatedUser | undefined> {
    return this.identity.authenticate(presented, async (user) => {
      const registeredAt = this.clock.now().toISOString();
      await this.commandBus.execute(
        new RegisterUserCommand(
          {
            userId: user.userId,
            displayName: user.displayName,
            roles: user.roles,
            kind: 'person',
            origin: { kind: 'oidc', issuer: user.issuer, subject: user.subject },
            registeredAt,
            firstKey: null,
          },
          {
            // One registration per user, whichever request sees them first.
            commandId: nameBasedId(`ledger-sso-user:${user.userId}`),
            commandName: 'RegisterSsoUser',
            body: { userId: user.userId, issuer: user.issuer, subject: user.subject },
            actor: SSO_REGISTRATION_ACTOR,
            occurredAt: registeredAt,
          },
        ),
      );
    });
  }

  user(userId: string) {
    return this.identity.user(userId);
  }

  /** The user's display name as recorded now (`[erased]` once erased); null when the log has no user. */
  async displayName(userId: string): Promise<string | null> {
    const view = (await this.identity.displayNames()({ userId }, Number.MAX_SAFE_INTEGER)) as {
      displayName: string | null;
    };
    return view.displayName;
  }

  /**
   * Actors with the display name as of their event, for readers who may see names
   * (`mayReadUserNames`); for others the actors as recorded. One per view: it reads each user once.
   */
  actorViews(withNames: boolean): (actor: unknown, position: number) => Promise<unknown> {
    return withNames ? this.identity.displayNames() : (actor) => Promise.resolve(actor ?? null);
  }
}
