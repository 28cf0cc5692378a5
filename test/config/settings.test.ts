import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadSettings,
  parseSettings,
  readLocalSettingsValues,
  SettingsError,
  type SettingsSource,
} from '../../config/settings';

const env = (values: Record<string, string>): SettingsSource => ({ name: 'the environment', values });
const file = (values: Record<string, string>): SettingsSource => ({ name: 'local.settings.json', values });

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe('parseSettings', () => {
  it('uses the defaults when nothing is set', () => {
    const settings = parseSettings([]);
    expect(settings).toEqual({
      tablesConnectionString: 'UseDevelopmentStorage=true',
      tablesConnectionStringFrom: 'default',
      tablePrefix: '',
      microsoftApp: { appId: '', appPassword: '', tenantId: '', appType: 'MultiTenant' },
      localDataDir: '.data',
      port: 7071,
      host: '127.0.0.1',
      azuriteTablePort: 10002,
      isRunningInAzure: false,
      research: {
        entraTenantId: '',
        entraAudience: '',
        researcherAppRole: 'Research.Read',
        realNamesAppRole: 'Research.RealNames',
        devTokenKey: '',
        maxExportCases: 500,
        maxExportEvents: 250_000,
        timeZone: 'Europe/Oslo',
      },
      requestLimits: { messagesMaxBodyBytes: 256 * 1024, apiMaxBodyBytes: 128 * 1024 },
      signingKeys: {
        botFrameworkMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
        botEntraMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
        entraMetadataUrl: '',
        fetchTimeoutMs: 3000,
      },
      writtenForm: 'nb',
    });
  });

  it("takes the municipality's written form of Norwegian, and refuses anything but nb or nn", () => {
    expect(parseSettings([{ name: 'env', values: { MUNICIPALITY_WRITTEN_FORM: 'nn' } }]).writtenForm).toBe(
      'nn',
    );
    expect(parseSettings([{ name: 'env', values: { MUNICIPALITY_WRITTEN_FORM: 'NN' } }]).writtenForm).toBe(
      'nn',
    );
    expect(() => parseSettings([{ name: 'env', values: { MUNICIPALITY_WRITTEN_FORM: 'nynorsk' } }])).toThrow(
      /MUNICIPALITY_WRITTEN_FORM must be nb \(Bokmål\) or nn \(Nynorsk\)/,
    );
  });

  it('takes the municipality time zone as an IANA name and refuses one the runtime does not know', () => {
    expect(parseSettings([env({ MUNICIPALITY_TIME_ZONE: 'America/New_York' })]).research.timeZone).toBe(
      'America/New_York',
    );
    expect(() => parseSettings([env({ MUNICIPALITY_TIME_ZONE: 'Oslo/Norway' })])).toThrow(
      /MUNICIPALITY_TIME_ZONE must be an IANA time zone such as Europe\/Oslo \(got "Oslo\/Norway"\)/,
    );
  });

  it("takes the research API's key metadata from its tenant, and the request limits from their settings", () => {
    const settings = parseSettings([
      env({
        ENTRA_TENANT_ID: 'tenant-1',
        MESSAGES_MAX_BODY_BYTES: '65536',
        API_MAX_BODY_BYTES: '4096',
        SIGNING_KEYS_TIMEOUT_MS: '1500',
      }),
    ]);
    expect(settings.signingKeys.entraMetadataUrl).toBe(
      'https://login.microsoftonline.com/tenant-1/v2.0/.well-known/openid-configuration',
    );
    expect(settings.signingKeys.fetchTimeoutMs).toBe(1500);
    expect(settings.requestLimits).toEqual({ messagesMaxBodyBytes: 65536, apiMaxBodyBytes: 4096 });
  });

  it('accepts key metadata over plain http only on loopback outside Azure, and bounds limits and deadlines', () => {
    const local = 'http://127.0.0.1:4000/openid';
    expect(parseSettings([env({ BOT_OPENID_METADATA_URL: local })]).signingKeys.botFrameworkMetadataUrl).toBe(
      local,
    );
    const problems = [
      ...problemsOf(() =>
        parseSettings([env({ BOT_OPENID_METADATA_URL: 'http://keys.example.com/openid' })]),
      ),
      ...problemsOf(() =>
        parseSettings([env({ ENTRA_OPENID_METADATA_URL: local, WEBSITE_SITE_NAME: 'innovation-gates' })]),
      ),
      ...problemsOf(() =>
        parseSettings([
          env({
            MESSAGES_MAX_BODY_BYTES: '10',
            API_MAX_BODY_BYTES: 'lots',
            SIGNING_KEYS_TIMEOUT_MS: '60000',
          }),
        ]),
      ),
    ];
    expect(problems).toEqual([
      expect.stringContaining('BOT_OPENID_METADATA_URL must be an https URL'),
      expect.stringContaining('ENTRA_OPENID_METADATA_URL must be an https URL'),
      expect.stringContaining('MESSAGES_MAX_BODY_BYTES must be a number of bytes'),
      expect.stringContaining('API_MAX_BODY_BYTES must be a number of bytes'),
      expect.stringContaining('SIGNING_KEYS_TIMEOUT_MS must be a number of milliseconds'),
    ]);
  });

  it('prefers the environment over local.settings.json over defaults, name by name', () => {
    const settings = parseSettings([
      env({ PORT: '8080', TABLE_PREFIX: 'envprefix' }),
      file({ PORT: '9090', LOCAL_DATA_DIR: 'from-file', TABLE_PREFIX: 'fileprefix' }),
    ]);
    expect(settings.port).toBe(8080);
    expect(settings.tablePrefix).toBe('envprefix');
    expect(settings.localDataDir).toBe('from-file');
    expect(settings.azuriteTablePort).toBe(10002);
  });

  it('treats an empty value as unset, so a blank entry does not hide a lower source', () => {
    expect(parseSettings([env({ PORT: '' }), file({ PORT: '9090' })]).port).toBe(9090);
  });

  it('takes TABLES_CONNECTION_STRING from any source before AzureWebJobsStorage', () => {
    const tables = 'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1';
    const fromFile = parseSettings([
      env({ AzureWebJobsStorage: 'AccountName=a;AccountKey=b' }),
      file({ TABLES_CONNECTION_STRING: tables }),
    ]);
    expect(fromFile.tablesConnectionString).toBe(tables);
    expect(fromFile.tablesConnectionStringFrom).toBe('TABLES_CONNECTION_STRING');

    const fallback = parseSettings([env({ AzureWebJobsStorage: 'AccountName=a;AccountKey=b' })]);
    expect(fallback.tablesConnectionString).toBe('AccountName=a;AccountKey=b');
    expect(fallback.tablesConnectionStringFrom).toBe('AzureWebJobsStorage');
  });

  it('names each malformed value and its source, all at once', () => {
    const problems = problemsOf(() =>
      parseSettings([
        env({ PORT: 'abc', MicrosoftAppType: 'Tenantless' }),
        file({ AZURITE_TABLE_PORT: '70000' }),
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT must be a port number from 0 to 65535 (got "abc" from the environment)',
        'AZURITE_TABLE_PORT must be a port number from 0 to 65535 (got "70000" from local.settings.json)',
        'MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI (got "Tenantless" from the environment)',
      ]),
    );
  });

  it('refuses a connection string that is not key=value pairs without echoing it', () => {
    const secret = 'https://example.table.core.windows.net?sig=SECRET';
    const problems = problemsOf(() => parseSettings([env({ TABLES_CONNECTION_STRING: secret })]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      'TABLES_CONNECTION_STRING (from the environment) is not a connection string',
    );
    expect(problems[0]).not.toContain('SECRET');
  });

  it('refuses a table prefix that would make invalid table names', () => {
    expect(problemsOf(() => parseSettings([env({ TABLE_PREFIX: 'dev-1' })]))[0]).toMatch(
      /^TABLE_PREFIX must start/,
    );
    expect(parseSettings([env({ TABLE_PREFIX: 'dev1' })]).tablePrefix).toBe('dev1');
  });

  it('checks the bot registration settings that would otherwise fail at the first message', () => {
    expect(
      problemsOf(() => parseSettings([env({ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'id' })])),
    ).toEqual(['MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant']);
    expect(problemsOf(() => parseSettings([env({ MicrosoftAppPassword: 'pw' })]))).toEqual([
      'MicrosoftAppPassword is set but MicrosoftAppId is empty',
    ]);
    const app = parseSettings([
      env({ MicrosoftAppType: 'singletenant', MicrosoftAppId: 'id', MicrosoftAppTenantId: 't' }),
    ]);
    expect(app.microsoftApp).toEqual({
      appId: 'id',
      appPassword: '',
      tenantId: 't',
      appType: 'SingleTenant',
    });
  });

  it('knows it runs in Azure when App Service sets WEBSITE_SITE_NAME or WEBSITE_INSTANCE_ID', () => {
    expect(parseSettings([env({ WEBSITE_SITE_NAME: 'innovation-gates' })]).isRunningInAzure).toBe(true);
    expect(parseSettings([env({ WEBSITE_INSTANCE_ID: 'abc123' })]).isRunningInAzure).toBe(true);
    expect(parseSettings([env({ WEBSITE_SITE_NAME: '' })]).isRunningInAzure).toBe(false);
  });
});

describe('loadSettings', () => {
  const dirs: string[] = [];
  const folderWith = (content: string | undefined): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'settings-'));
    dirs.push(dir);
    if (content !== undefined) writeFileSync(path.join(dir, 'local.settings.json'), content);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const localSettings = JSON.stringify({
    IsEncrypted: false,
    Values: {
      FUNCTIONS_WORKER_RUNTIME: 'node',
      PORT: 9090,
      TABLE_PREFIX: 'file',
      LOCAL_DATA_DIR: 'file-data',
    },
  });

  it('reads local.settings.json Values below the environment', () => {
    const settings = loadSettings({ cwd: folderWith(localSettings), env: { TABLE_PREFIX: 'env' } });
    expect(settings.port).toBe(9090);
    expect(settings.tablePrefix).toBe('env');
    expect(settings.localDataDir).toBe('file-data');
  });

  it('works without local.settings.json', () => {
    expect(loadSettings({ cwd: folderWith(undefined), env: {} }).port).toBe(7071);
  });

  it('ignores local.settings.json in Azure, where it is never deployed', () => {
    const settings = loadSettings({ cwd: folderWith(localSettings), env: { WEBSITE_INSTANCE_ID: 'x' } });
    expect(settings.port).toBe(7071);
    expect(settings.isRunningInAzure).toBe(true);
  });

  it('names the file when it is not valid JSON or encrypted', () => {
    expect(problemsOf(() => loadSettings({ cwd: folderWith('{ "Values": '), env: {} }))[0]).toMatch(
      /local\.settings\.json is not valid JSON/,
    );
    const encrypted = JSON.stringify({ IsEncrypted: true, Values: {} });
    expect(problemsOf(() => loadSettings({ cwd: folderWith(encrypted), env: {} }))[0]).toMatch(
      /is encrypted/,
    );
    const nested = JSON.stringify({ Values: { PORT: { value: 1 } } });
    expect(problemsOf(() => loadSettings({ cwd: folderWith(nested), env: {} }))[0]).toMatch(
      /"Values.PORT" .* must be a string/,
    );
  });

  it('accepts the committed local.settings.example.json as it is', () => {
    const values = readLocalSettingsValues(path.resolve(__dirname, '../../local.settings.example.json'));
    expect(values?.['FUNCTIONS_WORKER_RUNTIME']).toBe('node');
    const settings = parseSettings([{ name: 'local.settings.example.json', values: values ?? {} }]);
    expect(settings.tablesConnectionString).toBe('UseDevelopmentStorage=true');
    expect(settings.microsoftApp.appId).toBe('');
  });
});
