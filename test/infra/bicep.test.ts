/**
 * infra/main.bicep without the Bicep CLI (it cannot be installed here): the template is parsed by
 * test/infra/bicepSubset.ts, its values are computed for sample parameters, and the result is checked
 * against what the app needs: resource types and API versions, the Functions app's runtime and
 * security settings, the bot credentials (fed to the app's own settings parser and auth-mode decision),
 * the bot's messaging endpoint (checked against the route the app registers), outputs, and the
 * toolkit files that drive the template.
 *
 * What this cannot catch: property names or values Azure Resource Manager would reject for a type
 * (no ARM schemas are available offline), an API version missing from Azure although listed below,
 * Bicep type errors outside the parsed subset's rules, and anything only a deployment shows (name
 * collisions, quotas, region availability, policy denials).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../config/settings';
import { botAuthMode } from '../../bot/botAdapter';
import {
  BicepSubsetError,
  checkReferences,
  decoratorArgs,
  Evaluator,
  parseBicep,
  propertyExpr,
  referencesPath,
  show,
  Symbolic,
  type Declaration,
  type ParamDecl,
  type ResourceDecl,
  type Value,
} from './bicepSubset';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

const declarations = parseBicep(read('infra/main.bicep'));
const resources = declarations.filter((d): d is ResourceDecl => d.kind === 'resource');
const params = declarations.filter((d): d is ParamDecl => d.kind === 'param');
const outputs = declarations.filter(
  (d): d is Extract<Declaration, { kind: 'output' }> => d.kind === 'output',
);

const resource = (type: string): ResourceDecl => {
  const found = resources.filter((r) => r.type === type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

/** Sample deployment parameters: what README's az command passes. */
const SAMPLE: Record<string, Value> = {
  resourceBaseName: 'innovasjon',
  botAppId: '11111111-2222-3333-4444-555555555555',
  botAppPassword: 'a-client-secret',
  botTenantId: '99999999-8888-7777-6666-555555555555',
};
const evaluator = new Evaluator(declarations, SAMPLE);
const evaluate = (r: ResourceDecl, ...keys: string[]): Value => {
  const expr = propertyExpr(r.body, ...keys);
  if (expr === undefined) throw new Error(`${r.name} has no ${keys.join('.')}`);
  return evaluator.evaluate(expr);
};

/**
 * Resource types the template may use and the API versions known to exist for them (from Azure's
 * published REST API versions). A new resource or version is added here deliberately.
 */
const KNOWN_API_VERSIONS: Record<string, string[]> = {
  'Microsoft.OperationalInsights/workspaces': ['2022-10-01'],
  'Microsoft.Insights/components': ['2020-02-02'],
  'Microsoft.Storage/storageAccounts': ['2023-01-01', '2023-05-01'],
  'Microsoft.Web/serverfarms': ['2023-12-01', '2024-04-01'],
  'Microsoft.Web/sites': ['2023-12-01', '2024-04-01'],
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies': ['2023-12-01', '2024-04-01'],
  'Microsoft.BotService/botServices': ['2022-09-15'],
  'Microsoft.BotService/botServices/channels': ['2022-09-15'],
};

describe('the template parses within the supported Bicep subset', () => {
  it('parses, and every name it uses is declared', () => {
    expect(declarations.length).toBeGreaterThan(10);
    expect(checkReferences(declarations)).toEqual([]);
  });

  it('refuses syntax outside the subset instead of skipping it', () => {
    expect(() => parseBicep("module m './m.bicep' = {\n  name: 'm'\n}\n")).toThrow(BicepSubsetError);
    expect(() => parseBicep('var x = [for i in range(0, 2): i]\n')).toThrow(BicepSubsetError);
    expect(() => parseBicep("var x = '''\nmulti\n'''\n")).toThrow(/multi-line/);
    expect(() => parseBicep("resource r 'A/b@1' = if (true) {\n}\n")).toThrow(/plain resource bodies/);
  });

  it('catches a misspelt reference, an unknown function and an unknown decorator', () => {
    const broken = parseBicep(
      "@secret()\nparam a string\nvar b = '${a}${c}'\nvar d = uniqeString(a)\noutput o string = toLower(a, b)\n",
    );
    expect(checkReferences(broken)).toEqual([
      'line 2: unknown decorator @secret',
      'line 3: "c" is not declared',
      'line 4: unknown function uniqeString()',
      'line 5: toLower() takes 1-1 arguments',
    ]);
  });
});

describe('resources', () => {
  it('have known types and API versions', () => {
    for (const r of resources) {
      expect(KNOWN_API_VERSIONS[r.type], `${r.name}: unknown type ${r.type}`).toBeDefined();
      expect(KNOWN_API_VERSIONS[r.type], `${r.name}: ${r.type}@${r.apiVersion}`).toContain(r.apiVersion);
    }
  });

  it('have a name, a location when top-level, and a parent of the right type when a child', () => {
    for (const r of resources) {
      expect(propertyExpr(r.body, 'name'), `${r.name}.name`).toBeDefined();
      const segments = r.type.split('/').length;
      if (segments === 2) {
        expect(propertyExpr(r.body, 'location'), `${r.name}.location`).toBeDefined();
      } else {
        const parent = propertyExpr(r.body, 'parent');
        expect(parent?.kind, `${r.name}.parent`).toBe('ident');
        const parentDecl = resources.find((p) => parent?.kind === 'ident' && p.name === parent.name);
        expect(parentDecl?.type, `${r.name}'s parent`).toBe(r.type.split('/').slice(0, -1).join('/'));
      }
    }
  });

  it('get names Azure accepts for the sample base name', () => {
    const storageName = evaluate(resource('Microsoft.Storage/storageAccounts'), 'name') as string;
    expect(storageName).toMatch(/^[a-z0-9]{3,24}$/);
    const appName = evaluate(resource('Microsoft.Web/sites'), 'name') as string;
    expect(appName).toMatch(/^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$/);
    expect(evaluate(resource('Microsoft.BotService/botServices'), 'name') as string).toMatch(
      /^[a-zA-Z0-9][\w.-]{1,63}$/,
    );
  });
});

describe('parameters', () => {
  const param = (name: string): ParamDecl => params.find((p) => p.name === name)!;

  it('respect their own constraints, for the defaults and the sample values', () => {
    const checked: string[] = [];
    const broken: string[] = [];
    for (const p of params) {
      const value = evaluator.value(p.name);
      const allowed = decoratorArgs(p, 'allowed', evaluator)?.[0];
      const min = decoratorArgs(p, 'minLength', evaluator)?.[0];
      const max = decoratorArgs(p, 'maxLength', evaluator)?.[0];
      const length = typeof value === 'string' ? value.length : undefined;
      const rules: [string, boolean][] = [
        ...(Array.isArray(allowed) ? [['allowed', allowed.includes(value)] as [string, boolean]] : []),
        ...(typeof min === 'number' && length !== undefined
          ? [['minLength', length >= min] as [string, boolean]]
          : []),
        ...(typeof max === 'number' && length !== undefined
          ? [['maxLength', length <= max] as [string, boolean]]
          : []),
      ];
      for (const [rule, holds] of rules) {
        checked.push(`${p.name} @${rule}`);
        if (!holds) broken.push(`${p.name} @${rule} = ${show(value)}`);
      }
    }
    // The constraints are really read (the mandatory bot app id has its minimum length), and all hold.
    expect(checked).toContain('botAppId @minLength');
    expect(checked.length).toBeGreaterThan(3);
    expect(broken).toEqual([]);
  });

  it('make the bot app id mandatory and never empty, and keep the password secret', () => {
    expect(param('botAppId').default).toBeUndefined();
    expect(decoratorArgs(param('botAppId'), 'minLength', evaluator)).toEqual([36]);
    expect(param('botAppPassword').decorators.map((d) => d.name)).toContain('secure');
    expect(param('botAppPassword').default).toBeUndefined();
    expect(evaluator.value('botAppType')).toBe('SingleTenant');
    expect(evaluator.value('nodeVersion')).toBe('20');
  });

  it('are the ones infra/main.parameters.json sets, which the toolkit fills from its environment', () => {
    const file = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, unknown> };
    const names = new Set(params.map((p) => p.name));
    for (const name of Object.keys(file.parameters)) expect(names, name).toContain(name);
    for (const p of params.filter((p) => p.default === undefined))
      expect(Object.keys(file.parameters)).toContain(p.name);
  });
});

describe('the Functions app', () => {
  const site = resource('Microsoft.Web/sites');
  const plan = resource('Microsoft.Web/serverfarms');
  const settings = evaluate(site, 'properties', 'siteConfig', 'appSettings') as {
    name: string;
    value: Value;
  }[];
  const setting = (name: string): Value | undefined => settings.find((s) => s.name === name)?.value;

  it('runs on Linux, on a Consumption plan, with Node 20 and Functions v4', () => {
    expect(evaluate(site, 'kind')).toBe('functionapp,linux');
    expect(evaluate(site, 'properties', 'reserved')).toBe(true);
    expect(referencesPath(propertyExpr(site.body, 'properties', 'serverFarmId'), `${plan.name}.id`)).toBe(
      true,
    );
    expect(evaluate(plan, 'sku')).toEqual({ name: 'Y1', tier: 'Dynamic' });
    expect(evaluate(plan, 'properties', 'reserved')).toBe(true);
    expect(evaluate(site, 'properties', 'siteConfig', 'linuxFxVersion')).toBe('Node|20');
    expect(setting('FUNCTIONS_WORKER_RUNTIME')).toBe('node');
    expect(setting('FUNCTIONS_EXTENSION_VERSION')).toBe('~4');
  });

  it('is HTTPS only, TLS 1.2 at least, without FTP', () => {
    expect(evaluate(site, 'properties', 'httpsOnly')).toBe(true);
    expect(evaluate(site, 'properties', 'siteConfig', 'minTlsVersion')).toBe('1.2');
    expect(evaluate(site, 'properties', 'siteConfig', 'ftpsState')).toBe('Disabled');
    const ftp = resource('Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(evaluate(ftp, 'name')).toBe('ftp');
    expect(evaluate(ftp, 'properties', 'allow')).toBe(false);
  });

  it('names each app setting once, and gives the bot its credentials', () => {
    const names = settings.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(setting('MicrosoftAppId')).toBe(SAMPLE['botAppId']);
    expect(setting('MicrosoftAppPassword')).toBe(SAMPLE['botAppPassword']);
    expect(setting('MicrosoftAppTenantId')).toBe(SAMPLE['botTenantId']);
    expect(setting('MicrosoftAppType')).toBe('SingleTenant');
    expect(setting('APPLICATIONINSIGHTS_CONNECTION_STRING')).toEqual(
      new Symbolic(`${resource('Microsoft.Insights/components').name}.properties.ConnectionString`),
    );
  });

  it("gives settings the app's own parser accepts, with the bot authenticating (anonymous mode off)", () => {
    const values: Record<string, string> = Object.fromEntries(settings.map((s) => [s.name, show(s.value)]));
    // Azure sets WEBSITE_SITE_NAME on every App Service / Functions instance.
    const parsed = parseSettings([
      { name: 'Azure app settings', values: { ...values, WEBSITE_SITE_NAME: 'innovasjon-func' } },
    ]);
    expect(parsed.isRunningInAzure).toBe(true);
    expect(parsed.microsoftApp).toEqual({
      appId: SAMPLE['botAppId'],
      appPassword: SAMPLE['botAppPassword'],
      tenantId: SAMPLE['botTenantId'],
      appType: 'SingleTenant',
    });
    expect(botAuthMode(parsed)).toBe('authenticated');
    expect(parsed.tablesConnectionStringFrom).toBe('TABLES_CONNECTION_STRING');
    expect(parsed.tablesConnectionString).toMatch(
      /^DefaultEndpointsProtocol=https;AccountName=st[a-z0-9]+;AccountKey=/,
    );
  });

  it('keeps its storage account on HTTPS and TLS 1.2 with no public blobs', () => {
    const storage = resource('Microsoft.Storage/storageAccounts');
    expect(evaluate(storage, 'properties')).toMatchObject({
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
    });
    expect(show(setting('AzureWebJobsStorage') ?? null)).toContain(
      `<${storage.name}.listKeys().keys[0].value>`,
    );
  });

  it('sends its telemetry to Application Insights backed by a Log Analytics workspace', () => {
    const insights = resource('Microsoft.Insights/components');
    const workspace = resource('Microsoft.OperationalInsights/workspaces');
    expect(
      referencesPath(
        propertyExpr(insights.body, 'properties', 'WorkspaceResourceId'),
        `${workspace.name}.id`,
      ),
    ).toBe(true);
  });
});

describe('the Azure Bot', () => {
  const bot = resource('Microsoft.BotService/botServices');
  const site = resource('Microsoft.Web/sites');

  it("posts to the app's /api/messages, the route the app registers", () => {
    const routePrefix = (JSON.parse(read('host.json')) as { extensions: { http: { routePrefix: string } } })
      .extensions.http.routePrefix;
    const route = /app\.http\('messages',\s*\{[^}]*route:\s*'([^']+)'/.exec(
      read('functions/messages.ts'),
    )?.[1];
    expect(`/${routePrefix}/${route}`).toBe('/api/messages');
    expect(evaluate(bot, 'properties', 'endpoint')).toBe(
      `https://<${site.name}.properties.defaultHostName>/api/messages`,
    );
  });

  it('uses the same app registration as the Functions app, single tenant', () => {
    expect(evaluate(bot, 'kind')).toBe('azurebot');
    expect(evaluate(bot, 'location')).toBe('global');
    expect(evaluate(bot, 'properties', 'msaAppId')).toBe(SAMPLE['botAppId']);
    expect(evaluate(bot, 'properties', 'msaAppType')).toBe('SingleTenant');
    expect(evaluate(bot, 'properties', 'msaAppTenantId')).toBe(SAMPLE['botTenantId']);
  });

  it('has the Microsoft Teams channel', () => {
    const channel = resource('Microsoft.BotService/botServices/channels');
    expect(evaluate(channel, 'name')).toBe('MsTeamsChannel');
    expect(evaluate(channel, 'properties')).toEqual({
      channelName: 'MsTeamsChannel',
      properties: { isEnabled: true },
    });
  });
});

describe('outputs and the files that use them', () => {
  const outputNames = outputs.map((o) => o.name);

  it('give the host, the endpoint and the resources README and the toolkit need', () => {
    expect(outputNames).toEqual(
      expect.arrayContaining([
        'BOT_DOMAIN',
        'BOT_ENDPOINT',
        'BOT_AZURE_FUNCTION_APP_RESOURCE_ID',
        'FUNCTION_APP_NAME',
        'BOT_SERVICE_NAME',
      ]),
    );
    const endpoint = outputs.find((o) => o.name === 'BOT_ENDPOINT')!;
    expect(evaluator.evaluate(endpoint.value)).toBe(
      `https://<${resource('Microsoft.Web/sites').name}.properties.defaultHostName>/api/messages`,
    );
  });

  it('cover every output README asks the deployment for', () => {
    const readme = read('README.md');
    const asked = [...readme.matchAll(/properties\.outputs\.([A-Za-z_]+)\.value/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(0);
    for (const name of asked) expect(outputNames, `README asks for ${name}`).toContain(name);
  });

  /** `${{NAME}}` references of a file. */
  const placeholders = (text: string): string[] =>
    [...text.matchAll(/\$\{\{\s*([A-Za-z_]\w*)\s*\}\}/g)].map((m) => m[1]!);
  /** Names an action writes: the values under `writeToEnvironmentFile:`. */
  const written = (yml: string): string[] =>
    [...yml.matchAll(/writeToEnvironmentFile:\n((?:\s{6,}\w+: \w+\n)+)/g)].flatMap((m) =>
      [...m[1]!.matchAll(/:\s*(\w+)/g)].map((v) => v[1]!),
    );
  const envKeys = (file: string): string[] =>
    [...read(file).matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
  const BUILT_IN = ['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'APP_NAME_SUFFIX'];
  /** The access_as_user scope id the toolkit's aadApp/update generates when it is empty. */
  const GENERATED = ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'];

  it.each([
    ['m365agents.yml', 'env/.env.dev'],
    ['m365agents.local.yml', 'env/.env.local'],
  ])('%s uses only values that exist by the time it needs them', (ymlFile, envFile) => {
    const yml = read(ymlFile);
    const known = new Set([...BUILT_IN, ...GENERATED, ...envKeys(envFile), ...written(yml)]);
    if (ymlFile === 'm365agents.yml') for (const name of outputNames) known.add(name);
    const files = [ymlFile, 'manifest/manifest.json'];
    if (ymlFile === 'm365agents.yml') files.push('infra/main.parameters.json', 'infra/aad.manifest.json');
    for (const file of files) {
      for (const name of placeholders(read(file)))
        expect(known, `${file} uses \${{${name}}}`).toContain(name);
    }
    // Paths the actions read exist.
    for (const [, file] of yml.matchAll(/(?:path|parameters|manifestPath):\s*\.\/(\S+)/g)) {
      expect(() => read(file!), `${ymlFile} names ./${file}`).not.toThrow();
    }
    // Secrets come from actions (into .env.<env>.user), never from the committed env file.
    for (const key of envKeys(envFile)) expect(key.startsWith('SECRET_'), `${envFile}: ${key}`).toBe(false);
  });

  it('registers the Application ID URI the manifest asks Teams to get tokens for', () => {
    const aad = JSON.parse(read('infra/aad.manifest.json')) as { identifierUris: string[]; appId: string };
    const manifest = JSON.parse(read('manifest/manifest.json')) as {
      webApplicationInfo: { id: string; resource: string };
    };
    expect(aad.identifierUris).toEqual([manifest.webApplicationInfo.resource]);
    expect(aad.appId).toBe(manifest.webApplicationInfo.id);
  });

  it('defines the app roles the research API and the dashboard check, so an admin can assign them', () => {
    const aad = JSON.parse(read('infra/aad.manifest.json')) as {
      appRoles: { value: string; id: string; isEnabled: boolean; allowedMemberTypes: string[] }[];
    };
    const settings = parseSettings([]);
    expect(aad.appRoles.map((role) => role.value).sort()).toEqual(
      [settings.research.researcherAppRole, settings.research.realNamesAppRole].sort(),
    );
    for (const role of aad.appRoles) {
      expect(role.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(role).toMatchObject({ isEnabled: true, allowedMemberTypes: ['User'] });
    }
    expect(new Set(aad.appRoles.map((role) => role.id)).size).toBe(aad.appRoles.length);
  });
});
