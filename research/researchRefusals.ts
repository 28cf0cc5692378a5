/**
 * The research API's refusals, in Norwegian Bokmål, Nynorsk and English, each with a stable code. They use the
 * engine's error kinds, so the HTTP adapter translates them like every other domain error: validation
 * 400, forbidden 403, not found 404.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../engine/errors';
import { byLanguage, localized, type Localized } from '../engine/localized';

/** "Lead: detail", language by language. */
function joinLead(lead: Localized, detail: Localized): Localized {
  return byLanguage((language) => `${lead[language]}: ${detail[language]}`);
}

export const researchRefusals = {
  researcherRoleMissing: (role: string) =>
    new ForbiddenError(
      'researcherRoleMissing',
      localized(
        `Du har ikke forskertilgang til denne løsningen (approllen «${role}» mangler).`,
        `Du har ikkje forskartilgang til denne løysinga (approlla «${role}» manglar).`,
        `You do not have researcher access to this application (the app role "${role}" is missing).`,
      ),
      { appRole: role },
    ),
  noAccessToCase: (caseId: string) =>
    new ForbiddenError(
      'noResearchAccess',
      localized(
        `Du har ikke forskertilgang til saken «${caseId}». Eieren av saken kan gi tilgang i chatten: «forsker @navn».`,
        `Du har ikkje forskartilgang til saka «${caseId}». Eigaren av saka kan gje tilgang i chatten: «forskar @namn».`,
        `You do not have research access to case "${caseId}". The case's owner can grant it in the chat: "forsker @name".`,
      ),
      { caseId },
    ),
  realNamesNotAllowed: (role: string) =>
    new ForbiddenError(
      'realNamesNotAllowed',
      localized(
        `Virkelige navn krever approllen «${role}». Utelat names=real for en pseudonymisert eksport.`,
        `Verkelege namn krev approlla «${role}». Utelat names=real for ein pseudonymisert eksport.`,
        `Real names need the app role "${role}". Leave out names=real for a pseudonymised export.`,
      ),
      { appRole: role },
    ),
  caseNotFound: (caseId: string) =>
    new NotFoundError(
      'caseNotFound',
      localized(
        `Fant ingen sak med id «${caseId}».`,
        `Fann inga sak med id «${caseId}».`,
        `No case with id "${caseId}" was found.`,
      ),
      { caseId },
    ),
  unknownFormat: (given: string, known: readonly string[]) =>
    new ValidationError(
      'unknownFormat',
      localized(
        `Ukjent format «${given}». Kjente formater: ${known.join(', ')}.`,
        `Ukjent format «${given}». Kjende format: ${known.join(', ')}.`,
        `Unknown format "${given}". Known formats: ${known.join(', ')}.`,
      ),
      { format: given, known },
    ),
  invalidParameter: (name: string, given: string, expected: string) =>
    new ValidationError(
      'invalidParameter',
      localized(
        `Ugyldig verdi for «${name}»: «${given}». Forventet ${expected}.`,
        `Ugyldig verdi for «${name}»: «${given}». Venta ${expected}.`,
        `Invalid value for "${name}": "${given}". Expected ${expected}.`,
      ),
      { parameter: name, value: given },
    ),
  invalidDateRange: (detail: Localized) =>
    new ValidationError(
      'invalidDateRange',
      joinLead({ nb: 'Ugyldig datoperiode', nn: 'Ugyldig datoperiode', en: 'Invalid date range' }, detail),
    ),
  exportTooLarge: (what: { cases: number; events: number }, limits: { cases: number; events: number }) =>
    new ValidationError(
      'exportTooLarge',
      localized(
        `Eksporten er for stor for én forespørsel (${what.cases} saker, ${what.events} hendelser; grensen er ${limits.cases} saker og ${limits.events} hendelser). Avgrens med filtre eller færre saker, eller bruk kommandolinjeeksporten (npm run export).`,
        `Eksporten er for stor for éin førespurnad (${what.cases} saker, ${what.events} hendingar; grensa er ${limits.cases} saker og ${limits.events} hendingar). Avgrens med filter eller færre saker, eller bruk kommandolinjeeksporten (npm run export).`,
        `The export is too large for one request (${what.cases} cases, ${what.events} events; the limit is ${limits.cases} cases and ${limits.events} events). Narrow it with filters or fewer cases, or use the command-line export (npm run export).`,
      ),
      { ...what, maxCases: limits.cases, maxEvents: limits.events },
    ),
  invalidBody: (detail: Localized) =>
    new ValidationError(
      'invalidBody',
      joinLead({ nb: 'Ugyldig innhold', nn: 'Ugyldig innhald', en: 'Invalid body' }, detail),
    ),
};
