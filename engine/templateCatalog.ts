/**
 * The process templates this build knows, by id and version. A case names the version it started on;
 * every version a case may still be on must stay in this catalog (add new versions, never edit old).
 */
import { NotFoundError } from './errors';
import { localized } from './localized';
import type { ProcessTemplate, TemplateRef } from './template';
import { loadTemplate } from './template';
import municipalServiceInnovationV1 from './templates/municipal-service-innovation.v1.json';

export const DEFAULT_TEMPLATE_ID = 'municipal-service-innovation';

export class TemplateCatalog {
  private readonly byKey = new Map<string, ProcessTemplate>();

  /** Validates every template (throws `TemplateInvalidError` naming all problems). */
  constructor(rawTemplates: readonly unknown[]) {
    for (const raw of rawTemplates) {
      const template = loadTemplate(raw);
      const key = keyOf(template);
      if (this.byKey.has(key)) throw new Error(`Template ${key} is listed twice`);
      this.byKey.set(key, template);
    }
  }

  get(ref: TemplateRef): ProcessTemplate {
    const template = this.byKey.get(keyOf(ref));
    if (!template) {
      throw new NotFoundError(
        'templateNotFound',
        localized(
          `Prosessmalen ${ref.id} versjon ${ref.version} finnes ikke.`,
          `Prosessmalen ${ref.id} versjon ${ref.version} finst ikkje.`,
          `Process template ${ref.id} version ${ref.version} does not exist.`,
        ),
        { templateId: ref.id, version: ref.version },
      );
    }
    return template;
  }

  /** The newest version of a template: what a new case starts on. */
  latest(id: string): ProcessTemplate {
    let newest: ProcessTemplate | undefined;
    for (const template of this.byKey.values()) {
      if (template.id === id && (!newest || template.version > newest.version)) newest = template;
    }
    if (!newest) return this.get({ id, version: 1 });
    return newest;
  }

  all(): ProcessTemplate[] {
    return [...this.byKey.values()];
  }
}

function keyOf(ref: TemplateRef): string {
  return `${ref.id}@${ref.version}`;
}

/** The templates shipped with the product. */
export function builtInTemplates(): TemplateCatalog {
  return new TemplateCatalog([municipalServiceInnovationV1]);
}
