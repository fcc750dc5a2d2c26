// The Function App that runs Refunds.Functions: an Azure Functions isolated worker app (.NET 10)
// whose workflows are Durable Functions orchestrations on the Azure Storage provider.
//
// Plan: Flex Consumption (FC1), the serverless Linux plan. It works with a storage account that has
// shared-key access disabled: the deployment package sits in a blob container read with the app's
// managed identity, and no Azure Files content share is needed. Durable Functions runs there on its
// Azure Storage provider.
//
// On Flex Consumption the language runtime and its version are declared in functionAppConfig.runtime;
// FUNCTIONS_WORKER_RUNTIME (and FUNCTIONS_EXTENSION_VERSION) are not app settings there.
//
// Host storage (AzureWebJobsStorage) is identity-based: the host, and the Durable provider that
// uses the same connection for its task hub, reach the account's blob, queue and table endpoints
// with the system-assigned identity; modules/roles.bicep grants the data roles that needs.

param location string
param planName string
param appName string
param tags object
param storageAccountName string
param tableEndpoint string
param deploymentContainerUrl string
param applicationInsightsName string

@description('Durable Functions task hub; overrides extensions.durableTask.hubName of host.json.')
param taskHubName string

@description('App settings holding Key Vault references (setting name to @Microsoft.KeyVault(...) string).')
param keyVaultReferences object

@description('Non-secret application settings, merged last.')
param extraAppSettings object

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int
@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

var platformSettings = {
  // Identity-based host storage, no connection string: the host builds the blob/queue/table URIs
  // from the account name and takes tokens from the managed identity (no clientId: the
  // system-assigned one). Durable's task hub uses this connection too.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureFunctionsJobHost__extensions__durableTask__hubName: taskHubName
  // The app's business ledger (Azure.Data.Tables with DefaultAzureCredential).
  Storage__TableServiceUri: tableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  // Local auth is disabled on the component: the host sends telemetry with the managed identity.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
}

var appSettings = union(platformSettings, keyVaultReferences, extraAppSettings)

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: map(items(appSettings), setting => { name: setting.key, value: setting.value })
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

// Basic-auth publishing (FTP and SCM user/password) stays off; deployments authenticate with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output principalId string = app.identity.principalId
