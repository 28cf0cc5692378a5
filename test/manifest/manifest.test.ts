/**
 * The Teams app package: the manifest template in manifest/, its translations and icons, and what
 * `npm run package` (scripts/appPackage.ts) makes of them. Everything here is offline: `fetch` is
 * replaced by one that fails the test, so a validator that quietly downloaded a schema would be caught.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MESSAGE_ACTIONS } from '../../cards';
import { COMMAND_WORDS, parseCommand } from '../../conversation/commandParser';
import {
  buildAppPackage,
  bundledSchemaDir,
  checkCommandLimits,
  checkIcon,
  fillPlaceholders,
  hasAlphaChannel,
  loadBundledSchema,
  localizableKeys,
  LOCAL_TEAMS_APP_ID,
  MANIFEST_DIR,
  PackageError,
  PLACEHOLDERS,
  placeholdersIn,
  resolvePackageValues,
  validateLocalizationSchema,
  validateManifestSchema,
  type PackageValues,
} from '../../scripts/appPackage';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/makeIcons';

const VALUES: PackageValues = {
  TEAMS_APP_ID: '0d8f3a52-6c1e-4b7a-9f2d-3e5a7b9c1d2e',
  BOT_ID: '11111111-2222-3333-4444-555555555555',
  BOT_DOMAIN: 'innovasjon-func-abc123.azurewebsites.net',
  DEVELOPER_NAME: 'Eksempel kommune',
  DEVELOPER_WEBSITE_URL: 'https://www.example.kommune.no/',
  PRIVACY_URL: 'https://www.example.kommune.no/personvern',
  TERMS_OF_USE_URL: 'https://www.example.kommune.no/vilkar',
};

const template = readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(MANIFEST_DIR, file), 'utf8')) as Record<string, unknown>;
const nb = readJson('nb.json');
const nn = readJson('nn.json');
const en = readJson('en.json');
/** The parts of the filled manifest these tests read. */
interface FilledManifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  accentColor: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  developer: Record<string, string>;
  localizationInfo: unknown;
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  staticTabs: { name: string; contentUrl: string; scopes: string[] }[];
  composeExtensions: {
    botId: string;
    commands: {
      id: string;
      type: string;
      context: string[];
      fetchTask: boolean;
      title: string;
      description: string;
    }[];
  }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
}
const filled = (values: PackageValues = VALUES): FilledManifest =>
  JSON.parse(fillPlaceholders(template, values)) as FilledManifest;

const problemsOf = async (run: () => unknown): Promise<readonly string[]> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof PackageError) return error.problems;
    throw error;
  }
  throw new Error('expected a PackageError');
};

/** The entries of a ZIP, with their bytes. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (readError, stream) => {
          if (readError) return reject(readError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

beforeAll(() => {
  vi.stubGlobal('fetch', () => {
    throw new Error('the network was used: schema validation must be offline');
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('the manifest against the official schema (offline)', () => {
  it('uses the newest schema version bundled with @microsoft/app-manifest', () => {
    const teamsSchemas = path.dirname(bundledSchemaDir('1.30'));
    const versions = readdirSync(teamsSchemas)
      .filter((name) => /^v\d+\.\d+$/.test(name))
      .map((name) => name.slice(1))
      .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    const manifest = filled();
    expect(manifest.manifestVersion).toBe(versions.at(-1));
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${versions.at(-1)}/MicrosoftTeams.schema.json`,
    );
  });

  it('validates once filled', async () => {
    expect(await validateManifestSchema(filled())).toEqual([]);
  });

  it('is really checked: a malformed manifest is refused', async () => {
    const manifest = filled();
    manifest.accentColor = 'blue';
    manifest.bots[0]!.botId = 'not-a-guid';
    const errors = await validateManifestSchema(manifest);
    expect(errors.some((error) => error.startsWith('/accentColor'))).toBe(true);
    expect(errors.some((error) => error.startsWith('/bots/0/botId'))).toBe(true);
  });

  it('refuses a schema version the package does not bundle instead of downloading it', async () => {
    const problems = await problemsOf(() => loadBundledSchema('1.18', 'MicrosoftTeams.schema.json'));
    expect(problems[0]).toMatch(/not bundled.*refusing to download/);
  });

  it('has every localisation file valid against the bundled localisation schema', () => {
    expect(nb['$schema']).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json',
    );
    expect(nn['$schema']).toBe(nb['$schema']);
    expect(validateLocalizationSchema(nb, '1.30')).toEqual([]);
    expect(validateLocalizationSchema(nn, '1.30')).toEqual([]);
    expect(validateLocalizationSchema(en, '1.30')).toEqual([]);
    expect(validateLocalizationSchema({ ...en, 'name.short': '' }, '1.30')).not.toEqual([]);
  });
});

describe('placeholders', () => {
  it('are the toolkit-style ${{NAME}} ones packaging knows, and all get filled', () => {
    const used = placeholdersIn(template);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(PLACEHOLDERS).toContain(name);
    expect(placeholdersIn(fillPlaceholders(template, VALUES))).toEqual([]);
    expect(placeholdersIn(JSON.stringify(nb))).toEqual([]);
    expect(placeholdersIn(JSON.stringify(nn))).toEqual([]);
    expect(placeholdersIn(JSON.stringify(en))).toEqual([]);
  });

  it('land where Teams looks for them', () => {
    const manifest = filled();
    expect(manifest.id).toBe(VALUES.TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(VALUES.BOT_ID);
    expect(manifest.validDomains).toEqual([VALUES.BOT_DOMAIN]);
    expect(manifest.webApplicationInfo).toEqual({
      id: VALUES.BOT_ID,
      resource: `api://${VALUES.BOT_DOMAIN}/${VALUES.BOT_ID}`,
    });
    expect(manifest.developer).toEqual({
      name: VALUES.DEVELOPER_NAME,
      websiteUrl: VALUES.DEVELOPER_WEBSITE_URL,
      privacyUrl: VALUES.PRIVACY_URL,
      termsOfUseUrl: VALUES.TERMS_OF_USE_URL,
    });
  });

  it('are escaped for JSON', () => {
    const manifest = filled({ ...VALUES, DEVELOPER_NAME: 'Kommune "Nord"' });
    expect(manifest.developer['name']).toBe('Kommune "Nord"');
  });

  it('refuses a placeholder packaging does not know', async () => {
    const problems = await problemsOf(() => fillPlaceholders('{"x": "${{SOMETHING_ELSE}}"}', VALUES));
    expect(problems[0]).toContain('SOMETHING_ELSE');
  });
});

describe('where the values come from', () => {
  const from = (values: Record<string, string>) => [{ name: 'the environment', values }];

  it('names every missing value and where to set it', async () => {
    const problems = await problemsOf(() => resolvePackageValues('dev', from({})));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^TEAMS_APP_ID is not set for "dev".*env\/\.env\.dev/);
    expect(problems[1]).toMatch(/^BOT_ID is not set.*MicrosoftAppId/);
    expect(problems[2]).toMatch(/^BOT_DOMAIN is not set/);
  });

  it('gives local a fixed Teams app id, reads MicrosoftAppId, and reduces a URL to its host', () => {
    const resolved = resolvePackageValues(
      'local',
      from({ MicrosoftAppId: VALUES.BOT_ID, BOT_DOMAIN: 'https://abc.devtunnels.ms/api/messages' }),
    );
    expect(resolved.values.TEAMS_APP_ID).toBe(LOCAL_TEAMS_APP_ID);
    expect(resolved.values.BOT_ID).toBe(VALUES.BOT_ID);
    expect(resolved.values.BOT_DOMAIN).toBe('abc.devtunnels.ms');
    expect(resolved.values.PRIVACY_URL).toBe('https://abc.devtunnels.ms/api/tab');
    expect(resolved.report.find((entry) => entry.name === 'TEAMS_APP_ID')?.from).toBe('default for local');
  });

  it('warns outside local when the developer details are defaults', () => {
    const resolved = resolvePackageValues(
      'dev',
      from({ TEAMS_APP_ID: VALUES.TEAMS_APP_ID, BOT_ID: VALUES.BOT_ID, BOT_DOMAIN: VALUES.BOT_DOMAIN }),
    );
    expect(resolved.warnings.some((warning) => warning.startsWith('PRIVACY_URL is not set'))).toBe(true);
    const examples = resolvePackageValues(
      'dev',
      from({ ...VALUES, PRIVACY_URL: 'https://www.example.com/personvern' }),
    );
    expect(examples.warnings).toEqual([expect.stringMatching(/^PRIVACY_URL is still the example/)]);
  });

  it('refuses malformed values', async () => {
    const problems = await problemsOf(() =>
      resolvePackageValues(
        'dev',
        from({
          TEAMS_APP_ID: 'abc',
          BOT_ID: 'xyz',
          BOT_DOMAIN: 'localhost:7071',
          PRIVACY_URL: 'http://x.no',
        }),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^TEAMS_APP_ID must be a GUID/),
      expect.stringMatching(/^BOT_ID must be a GUID/),
      expect.stringMatching(/^BOT_DOMAIN must be a public host name/),
      expect.stringMatching(/^PRIVACY_URL must be an https:\/\/ URL/),
    ]);
  });
});

describe('the bot and the tab', () => {
  it('declares the bot in personal, team and group chat, and the dashboard tab on /api/tab', () => {
    const manifest = filled();
    expect(manifest.bots[0]!.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    const tab = manifest.staticTabs[0]!;
    expect(tab.contentUrl).toBe(`https://${VALUES.BOT_DOMAIN}/api/tab`);
    expect(tab.scopes).toEqual(expect.arrayContaining(['personal', 'groupChat', 'team']));
  });

  const lists = filled().bots[0]!.commandLists;
  const titleKeys = lists.flatMap((list, i) =>
    list.commands.map((_c, j) => `bots[0].commandLists[${i}].commands[${j}].title`),
  );

  it('lists commands for every scope of the bot, within Teams limits', () => {
    expect(lists.flatMap((list) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(checkCommandLimits(filled())).toEqual([]);
    for (const file of [nb, nn, en]) {
      const entries = Object.entries(file);
      const titles = entries.filter(([key]) => key.endsWith('.title')).map(([, value]) => String(value));
      const descriptions = entries
        .filter(([key]) => key.endsWith('.description'))
        .map(([, value]) => String(value));
      // Every command's title is translated, so the limits below are checked on real texts.
      expect(titles.length).toBeGreaterThanOrEqual(titleKeys.length);
      expect(descriptions.length).toBeGreaterThan(0);
      expect(titles.filter((title) => title.length > 32)).toEqual([]);
      expect(descriptions.filter((description) => description.length > 128)).toEqual([]);
    }
    const tooMany = filled();
    tooMany.bots[0]!.commandLists[0]!.commands.push({ title: 'hjelp', description: 'for mange' });
    expect(checkCommandLimits(tooMany)).toEqual([expect.stringContaining('at most 10')]);
  });

  it.each([
    ['nb', nb],
    ['nn', nn],
    ['en', en],
  ] as const)('has only real %s command words, each one the bot understands', (language, file) => {
    for (const key of titleKeys) {
      const title = file[key] as string;
      const intent = parseCommand(title);
      expect(intent.kind, `${key} "${title}"`).not.toBe('text');
      const command = COMMAND_WORDS.find((c) => c.kind === intent.kind);
      expect(command?.words[language], `${key} "${title}"`).toContain(title);
    }
  });

  it('means the same command in every language', () => {
    for (const key of titleKeys) {
      expect(parseCommand(en[key] as string).kind, key).toBe(parseCommand(nb[key] as string).kind);
      expect(parseCommand(nn[key] as string).kind, key).toBe(parseCommand(nb[key] as string).kind);
    }
  });

  it('has the default language (nb) in the manifest itself, identical to nb.json', () => {
    const manifest = filled();
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'nb-NO',
      defaultLanguageFile: 'nb.json',
      additionalLanguages: [
        { languageTag: 'nn', file: 'nn.json' },
        { languageTag: 'en', file: 'en.json' },
      ],
    });
    const inManifest: Record<string, string> = {
      'name.short': manifest.name.short,
      'name.full': manifest.name.full,
      'description.short': manifest.description.short,
      'description.full': manifest.description.full,
      'staticTabs[0].name': manifest.staticTabs[0]!.name,
    };
    lists.forEach((list, i) =>
      list.commands.forEach((command, j) => {
        inManifest[`bots[0].commandLists[${i}].commands[${j}].title`] = command.title;
        inManifest[`bots[0].commandLists[${i}].commands[${j}].description`] = command.description;
      }),
    );
    manifest.composeExtensions[0]!.commands.forEach((command, j) => {
      inManifest[`composeExtensions[0].commands[${j}].title`] = command.title;
      inManifest[`composeExtensions[0].commands[${j}].description`] = command.description;
    });
    const { $schema: _nbSchema, ...nbStrings } = nb;
    expect(nbStrings).toEqual(inManifest);
    const { $schema: _enSchema, ...enStrings } = en;
    expect(Object.keys(enStrings).sort()).toEqual(localizableKeys(manifest).sort());
    const { $schema: _nnSchema, ...nnStrings } = nn;
    expect(Object.keys(nnStrings).sort()).toEqual(localizableKeys(manifest).sort());
  });
});

describe('the message action', () => {
  it("is one action command on a message's “…” menu, answered by the bot with a dialog it fetches", () => {
    const manifest = filled();
    expect(manifest.composeExtensions).toHaveLength(1);
    const [extension] = manifest.composeExtensions;
    expect(extension!.botId).toBe(VALUES.BOT_ID);
    expect(extension!.botId).toBe(manifest.bots[0]!.botId);
    expect(extension!.commands).toEqual([
      expect.objectContaining({
        id: MESSAGE_ACTIONS.keepMessage,
        type: 'action',
        context: ['message'],
        fetchTask: true,
      }),
    ]);
    // Where the bot is, the action is: personal chat, group chat and team.
    expect([...manifest.bots[0]!.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('is named in every language within what Teams shows (32 characters)', () => {
    const key = 'composeExtensions[0].commands[0].title';
    expect(nb[key]).toBe('Ta vare på som idé/barriere');
    expect(nn[key]).toBe('Ta vare på som idé/barriere');
    expect(en[key]).toBe('Keep as idea or barrier');
    for (const strings of [nb, nn, en]) expect((strings[key] as string).length).toBeLessThanOrEqual(32);
    expect(nn['composeExtensions[0].commands[0].description']).not.toBe(
      nb['composeExtensions[0].commands[0].description'],
    );
  });
});

describe('icons', () => {
  const color = readFileSync(path.join(MANIFEST_DIR, 'color.png'));
  const outline = readFileSync(path.join(MANIFEST_DIR, 'outline.png'));

  it('are 192×192 (colour) and 32×32 (outline)', () => {
    expect([PNG.sync.read(color).width, PNG.sync.read(color).height]).toEqual([192, 192]);
    expect([PNG.sync.read(outline).width, PNG.sync.read(outline).height]).toEqual([32, 32]);
    expect(checkIcon('color.png', color, 'color')).toEqual([]);
  });

  it('has a transparent outline icon with only white or fully transparent pixels', () => {
    const png = PNG.sync.read(outline);
    expect(hasAlphaChannel(outline)).toBe(true);
    expect(hasAlphaChannel(readFileSync(path.join(MANIFEST_DIR, 'color.png')))).toBe(true);
    let transparent = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [...png.data.subarray(i, i + 4)];
      if (a === 0) transparent++;
      else expect([r, g, b, a]).toEqual([255, 255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(checkIcon('outline.png', outline, 'outline')).toEqual([]);
  });

  it('flags an outline icon that is coloured or opaque', () => {
    const opaque = PNG.sync.write(drawColorIcon(), { colorType: 6 });
    expect(checkIcon('outline.png', opaque, 'outline')).toEqual([
      'outline.png is 192×192; Teams requires 32×32',
      expect.stringContaining('neither white nor fully transparent'),
      'outline.png has no transparent background',
    ]);
  });

  it('are what scripts/makeIcons.ts draws (re-run it after changing the motif)', () => {
    expect(PNG.sync.read(color).data.equals(drawColorIcon().data)).toBe(true);
    expect(PNG.sync.read(outline).data.equals(drawOutlineIcon().data)).toBe(true);
  });
});

describe('the package ZIP', () => {
  let outputDir: string;
  beforeAll(() => {
    outputDir = mkdtempSync(path.join(tmpdir(), 'app-package-'));
  });
  afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

  it('holds exactly the five files at its root, the manifest filled and valid', async () => {
    const built = await buildAppPackage({ envName: 'test', values: VALUES, outputDir });
    expect(built.zipPath).toBe(path.join(outputDir, 'appPackage.test.zip'));
    const entries = await unzip(readFileSync(built.zipPath));
    expect([...entries.keys()].sort()).toEqual([
      'color.png',
      'en.json',
      'manifest.json',
      'nb.json',
      'nn.json',
      'outline.png',
    ]);

    const manifestText = entries.get('manifest.json')!.toString('utf8');
    expect(placeholdersIn(manifestText)).toEqual([]);
    const manifest: unknown = JSON.parse(manifestText);
    expect(manifest).toEqual(filled());
    expect(await validateManifestSchema(manifest)).toEqual([]);
    expect(entries.get('nb.json')!.equals(readFileSync(path.join(MANIFEST_DIR, 'nb.json')))).toBe(true);
    expect(entries.get('nn.json')!.equals(readFileSync(path.join(MANIFEST_DIR, 'nn.json')))).toBe(true);
    expect(entries.get('outline.png')!.equals(readFileSync(path.join(MANIFEST_DIR, 'outline.png')))).toBe(
      true,
    );
  });

  it('for a Nynorsk municipality, makes Nynorsk the default language and leaves Bokmål out', async () => {
    const built = await buildAppPackage({ envName: 'nynorsk', values: VALUES, outputDir, writtenForm: 'nn' });
    const entries = await unzip(readFileSync(built.zipPath));
    expect([...entries.keys()].sort()).toEqual([
      'color.png',
      'en.json',
      'manifest.json',
      'nn.json',
      'outline.png',
    ]);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Record<string, any>;
    expect(await validateManifestSchema(manifest)).toEqual([]);
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'nn-NO',
      defaultLanguageFile: 'nn.json',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
    // The manifest's own strings are Nynorsk: what a Norwegian (nb) Teams client shows.
    const nynorsk = JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'nn.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(manifest.name.short).toBe(nynorsk['name.short']);
    expect(manifest.description.full).toBe(nynorsk['description.full']);
    expect(manifest.bots[0].commandLists[0].commands[1].description).toBe(
      nynorsk['bots[0].commandLists[0].commands[1].description'],
    );
    expect(manifest.name.short).not.toBe((filled() as Record<string, any>).name.short);
  });

  it('is byte-for-byte the same when built twice from the same inputs', async () => {
    const first = readFileSync((await buildAppPackage({ envName: 'a', values: VALUES, outputDir })).zipPath);
    const second = readFileSync((await buildAppPackage({ envName: 'b', values: VALUES, outputDir })).zipPath);
    expect(first.equals(second)).toBe(true);
  });

  it('is not written when something is wrong, and every problem is listed', async () => {
    const problems = await problemsOf(() =>
      buildAppPackage({
        envName: 'bad',
        values: { ...VALUES, BOT_ID: 'nope', TEAMS_APP_ID: 'x' },
        outputDir,
      }),
    );
    expect(problems.some((problem) => problem.includes('/id'))).toBe(true);
    expect(problems.some((problem) => problem.includes('/bots/0/botId'))).toBe(true);
    expect(readdirSync(outputDir)).not.toContain('appPackage.bad.zip');
  });
});
