// Azure resources for Innovasjonsporter: the Functions app that serves /api/messages, /api/health,
// /api/tab and the reminder timer; the storage account behind it and the case logs; Application Insights;
// and the Azure Bot that connects Teams to /api/messages.
//
// Deploy into an existing resource group:
//   az deployment group create -g <group> -f infra/main.bicep -p resourceBaseName=<name> botAppId=<guid> ...
// or with the Microsoft 365 Agents Toolkit (m365agents.yml, arm/deploy with main.parameters.json).
//
// Choices, and why:
// - Linux Consumption plan (Y1): pay per execution, scale to zero, available in Norway East, and the
//   runtime settings the app expects (FUNCTIONS_WORKER_RUNTIME, linuxFxVersion). Microsoft's newer
//   Flex Consumption plan takes none of those settings, is not in every region, and cannot be deployed
//   with the toolkit's Kudu zip deploy; see README "Deploy to Azure" for moving to it later.
// - Connection strings (account key) for storage: the app's Table Storage code
//   (runtime/tables.ts) builds its clients from a connection string only, and the Consumption plan
//   needs one for AzureWebJobsStorage and its content share anyway. A managed identity would need
//   code changes first.
// - The bot's credentials are app settings and MicrosoftAppId cannot be empty (minLength 36), so the
//   deployed bot always authenticates requests: bot/botAdapter.ts runs anonymous only without an app
//   id outside Azure, and refuses everything (401) without one inside Azure.
//
// This file keeps to a small subset of Bicep (no modules, loops or multi-line strings) that
// test/infra/bicepSubset.ts parses, because the Bicep CLI cannot be installed where the tests run.

@minLength(3)
@maxLength(16)
@description('Prefix of every resource name: lower-case letters, digits and hyphens, for example innovasjon.')
param resourceBaseName string

@description('Azure region of the resources (the bot registration itself is global).')
param location string = resourceGroup().location

@minLength(36)
@maxLength(36)
@description('Application (client) id of the bot\'s Entra app registration. Becomes MicrosoftAppId.')
param botAppId string

@secure()
@minLength(1)
@description('A client secret of that app registration. Becomes MicrosoftAppPassword.')
param botAppPassword string

@allowed([
  'SingleTenant'
  'MultiTenant'
])
@description('SingleTenant: only your organisation\'s Teams can reach the bot (the default).')
param botAppType string = 'SingleTenant'

@description('Entra tenant of the app registration; the tenant of your Microsoft 365 / Teams organisation.')
param botTenantId string = subscription().tenantId

@maxLength(42)
@description('Name of the bot as the Bot Framework shows it.')
param botDisplayName string = 'Innovasjonsporter'

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot pricing tier. Teams is a standard channel, free on F0.')
param botSku string = 'F0'

@allowed([
  '20'
  '22'
])
@description('Node.js major version of the Functions worker.')
param nodeVersion string = '20'

@description('Optional prefix of every table name (TABLE_PREFIX), to share a storage account.')
param tablePrefix string = ''

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var functionAppName = '${resourceBaseName}-func-${suffix}'
var planName = '${resourceBaseName}-plan-${suffix}'
var botName = '${resourceBaseName}-bot-${suffix}'
var workspaceName = '${resourceBaseName}-logs-${suffix}'
var appInsightsName = '${resourceBaseName}-insights-${suffix}'
var storageAccountName = take('st${toLower(replace(resourceBaseName, '-', ''))}${suffix}', 24)
var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: workspaceName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// Holds the Functions runtime's own state (AzureWebJobsStorage, content share) and the app's tables;
// the app creates its tables on first use.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  kind: 'functionapp'
  sku: {
    name: 'Y1'
    tier: 'Dynamic'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'Node|${nodeVersion}'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        {
          name: 'AzureWebJobsStorage'
          value: storageConnectionString
        }
        {
          name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
          value: storageConnectionString
        }
        {
          name: 'WEBSITE_CONTENTSHARE'
          value: toLower(functionAppName)
        }
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'node'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'TABLES_CONNECTION_STRING'
          value: storageConnectionString
        }
        {
          name: 'TABLE_PREFIX'
          value: tablePrefix
        }
        {
          name: 'MicrosoftAppId'
          value: botAppId
        }
        {
          name: 'MicrosoftAppPassword'
          value: botAppPassword
        }
        {
          name: 'MicrosoftAppTenantId'
          value: botTenantId
        }
        {
          name: 'MicrosoftAppType'
          value: botAppType
        }
      ]
    }
  }
}

// FTP is off twice: no FTPS endpoint (ftpsState above) and no FTP basic-auth credentials.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${functionApp.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'SingleTenant' ? botTenantId : ''
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Read by README "Deploy to Azure", by `npm run package` (BOT_DOMAIN) and, under the same names, by the
// Microsoft 365 Agents Toolkit, which writes them into env/.env.<environment>.
output BOT_DOMAIN string = functionApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${functionApp.properties.defaultHostName}/api/messages'
output BOT_AZURE_FUNCTION_APP_RESOURCE_ID string = functionApp.id
output FUNCTION_APP_NAME string = functionApp.name
output BOT_SERVICE_NAME string = bot.name
output STORAGE_ACCOUNT_NAME string = storage.name
