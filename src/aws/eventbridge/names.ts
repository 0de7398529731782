import { archiveArn, busArn, qualify, replayArn, ruleArn, splitName } from '../../events/index.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { validation } from '../protocol/input.ts';

const BUS_ARN = /^arn:[^:]+:events:[^:]*:(\d{12}):event-bus\/([^/]+)$/;
const ARCHIVE_ARN = /^arn:[^:]+:events:[^:]*:(\d{12}):archive\/(.+)$/;
const RULE_ARN = /^arn:[^:]+:events:[^:]*:(\d{12}):rule\/(?:([^/]+)\/)?([^/]+)$/;
const SQS_ARN = /^arn:[^:]+:sqs:[^:]*:(\d{12}):[A-Za-z0-9_.-]+$/;
const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:(\d{12}):function:/;

/**
 * Names as one caller sees them: its own account's buses, archives and
 * replays, stored with the account prefix (none for the system account).
 * Anything naming another account is refused, so a tenant's keys reach only
 * that tenant's resources.
 */
export class EventBridgeNames {
  constructor(
    readonly systemAccount: string,
    readonly region: string,
    readonly account: string,
  ) {}

  private get identity() {
    return { account: this.systemAccount, region: this.region };
  }

  denied(what: string): AwsError {
    return new AwsError('AccessDeniedException', `User is not authorized to access ${what}: it belongs to another account.`, 400);
  }

  /** The stored name for an EventBusName (a name or an event-bus ARN of this account); default `default`. */
  bus(value: string | undefined): string {
    if (value === undefined || value === '') return qualify(this.systemAccount, this.account, 'default');
    const arn = BUS_ARN.exec(value);
    if (arn) {
      if (arn[1] !== this.account) throw this.denied(value);
      return qualify(this.systemAccount, this.account, arn[2]!);
    }
    if (value.startsWith('arn:') || value.includes('/')) throw validation('EventBusName', 'Member must satisfy regular expression pattern: (arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+', value);
    return qualify(this.systemAccount, this.account, value);
  }

  /** The stored name of an archive or replay of this account. */
  named(name: string): string {
    return qualify(this.systemAccount, this.account, name);
  }

  /** The name this caller knows a stored name by. */
  local(stored: string): string {
    return splitName(this.systemAccount, stored).name;
  }

  owns(stored: string): boolean {
    return splitName(this.systemAccount, stored).account === this.account;
  }

  busArn = (stored: string) => busArn(this.identity, stored);
  ruleArn = (bus: string, name: string) => ruleArn(this.identity, bus, name);
  archiveArn = (stored: string) => archiveArn(this.identity, stored);
  replayArn = (stored: string) => replayArn(this.identity, stored);

  /** An archive ARN (StartReplay's EventSourceArn) → the stored archive name. */
  archiveOfArn(arn: string, member: string): string {
    const m = ARCHIVE_ARN.exec(arn);
    if (!m) throw validation(member, 'Member must be an archive ARN', arn);
    if (m[1] !== this.account) throw this.denied(arn);
    return this.named(m[2]!);
  }

  /** A bus ARN (CreateArchive's EventSourceArn, a replay's Destination) → the stored bus name. */
  busOfArn(arn: string, member: string): string {
    if (!BUS_ARN.test(arn)) throw validation(member, 'Member must be an event bus ARN', arn);
    return this.bus(arn);
  }

  /** A rule ARN → its stored bus and name. */
  ruleOfArn(arn: string): { bus: string; name: string } | undefined {
    const m = RULE_ARN.exec(arn);
    if (!m) return undefined;
    if (m[1] !== this.account) throw this.denied(arn);
    return { bus: this.bus(m[2] ?? 'default'), name: m[3]! };
  }

  /**
   * A target's Arn as the caller may set it: event-bus and SQS ARNs of its own
   * account, or `queue:<name>` (a queue of the rule's account). The system
   * account's callers may also name Hashi's other kinds (function:, http:, bus:)
   * and Lambda ARNs, which reach the applications' functions.
   */
  target(arn: string): string {
    const own = BUS_ARN.exec(arn) ?? SQS_ARN.exec(arn) ?? LAMBDA_ARN.exec(arn);
    if (own) {
      if (own[1] !== this.account) throw this.denied(arn);
      if (LAMBDA_ARN.test(arn) && this.account !== this.systemAccount) throw this.denied(arn);
      return arn;
    }
    if (/^queue:(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/.test(arn)) return arn;
    if (this.account === this.systemAccount && /^[a-z][a-z0-9-]{0,31}:/.test(arn) && !arn.startsWith('arn:')) return arn;
    throw validation('Targets.member.arn', 'Member must be an event-bus or SQS queue ARN of your account (or queue:<name>)', arn);
  }
}
