import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EventActor } from '@ledger/event-store';
import type { Principal } from './roles';

export interface HeldExecution {
  /** The requester: the approved command runs as theirs, with the approver recorded beside them. */
  principal: Principal;
  approval: { approvalId: string; approvedBy: EventActor };
}

/**
 * One-time credentials for running an approved request through the API again (in process, with
 * `inject`): each is random, lives until used or for a minute, and never leaves the process.
 */
@Injectable()
export class ApprovalExecutions {
  private readonly held = new Map<string, { execution: HeldExecution; expiresAt: number }>();

  issue(execution: HeldExecution): string {
    this.sweep();
    const token = `approved-${randomBytes(32).toString('base64url')}`;
    this.held.set(token, { execution, expiresAt: Date.now() + 60_000 });
    return token;
  }

  take(token: string): HeldExecution | undefined {
    const entry = this.held.get(token);
    if (!entry) return undefined;
    this.held.delete(token);
    return entry.expiresAt > Date.now() ? entry.execution : undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, entry] of this.held) if (entry.expiresAt <= now) this.held.delete(token);
  }
}
