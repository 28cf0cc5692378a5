/**
 * One person, one id. Everything a person does is recorded under their Entra object id, which Teams
 * sends with every activity of a signed-in user and which is the same in every app and chat. The Teams
 * user id ("29:…", one per user and bot) is bound to it the first time the two are seen together, and
 * never silently rebound:
 *
 * - An activity without an Entra id is resolved through the binding, or through the conversation's
 *   member list (the `Members` port: the Bot Connector's `getMember`). If neither knows the person, the activity is refused,
 *   except in local development (anonymous mode, the Agents Playground, tests), where the Teams id
 *   stands in.
 * - An activity whose Teams id is bound to another Entra id than the one it carries is refused: either
 *   the activity is forged or the account was reassigned, and in both cases a decision recorded under a
 *   second id could pass a four-eyes gate alone, or a later @mention could reach the wrong person.
 *
 * Bindings are made only from what the channel vouches for (the sender of an activity, a member lookup),
 * never from an @mention in a message, which the sender writes. @mentions are resolved through the
 * binding first, then the mention's own Entra id, then a member lookup.
 */
import { ForbiddenError } from '../engine';
import type { Logger } from '../platform/logger';
import type { PeopleDirectory, PersonSighting } from '../storage/peopleDirectory';
import { texts } from './botTexts';
import type { Members } from './chat';

/** Who sent an activity, as the channel says. */
export interface Sender {
  teamsUserId: string;
  aadObjectId?: string;
  /** The activity, for the log when it is refused. */
  activityId?: string;
}

export interface IdentityOptions {
  /** Refuse activities whose person cannot be tied to an Entra id (everywhere but local development). */
  requireEntraId: boolean;
}

export class Identities {
  /** Teams user ids bound to Entra ids, as this process has seen them. */
  private readonly bound = new Map<string, string>();

  constructor(
    private readonly people: Pick<PeopleDirectory, 'bindTeamsUser' | 'personOfTeamsUser'>,
    private readonly options: IdentityOptions,
    private readonly logger: Logger,
  ) {}

  /** The person id of the activity's sender, or a refusal (`ForbiddenError`, in both languages). */
  async actorOf(sender: Sender, members: Members): Promise<string> {
    const teamsUserId = sender.teamsUserId;
    const known = this.bound.get(teamsUserId) ?? (await this.people.personOfTeamsUser(teamsUserId));
    let entraId = sender.aadObjectId;
    if (entraId === undefined || entraId === '') {
      entraId = known ?? (await this.lookUp(members, teamsUserId));
      if (entraId === undefined) {
        if (!this.options.requireEntraId) return teamsUserId;
        this.logger.warn('An activity without an Entra id was refused: its sender is unknown', {
          activityId: sender.activityId,
        });
        throw new ForbiddenError('unknownTeamsUser', texts.unknownTeamsUser);
      }
    }
    const owner = known ?? (await this.people.bindTeamsUser(teamsUserId, entraId));
    if (owner !== entraId) {
      this.logger.warn('An activity was refused: its Teams id is bound to another Entra id', {
        activityId: sender.activityId,
      });
      throw new ForbiddenError('teamsUserBoundElsewhere', texts.teamsUserBoundElsewhere);
    }
    this.bound.set(teamsUserId, entraId);
    return entraId;
  }

  /**
   * A mentioned person under the id their own actions are recorded under; `resolved` is false when only
   * the Teams id is known (then a command that names them as a person must not go ahead).
   */
  async mentioned(
    members: Members,
    mention: PersonSighting,
  ): Promise<{ sighting: PersonSighting; resolved: boolean }> {
    const teamsUserId = mention.teamsUserId;
    if (teamsUserId === undefined) return { sighting: mention, resolved: mention.aadObjectId !== undefined };
    const known = this.bound.get(teamsUserId) ?? (await this.people.personOfTeamsUser(teamsUserId));
    const entraId = known ?? mention.aadObjectId ?? (await this.lookUp(members, teamsUserId));
    if (entraId === undefined) return { sighting: mention, resolved: !this.options.requireEntraId };
    if (known !== undefined) this.bound.set(teamsUserId, known);
    return { sighting: { ...mention, personId: entraId, aadObjectId: entraId }, resolved: true };
  }

  /** The member list's word on who a Teams id is; it binds the two when it knows. */
  private async lookUp(members: Members, teamsUserId: string): Promise<string | undefined> {
    const entraId = (await members.get(teamsUserId))?.aadObjectId;
    if (entraId === undefined || entraId === '') return undefined;
    const owner = await this.people.bindTeamsUser(teamsUserId, entraId);
    this.bound.set(teamsUserId, owner);
    return owner;
  }
}
