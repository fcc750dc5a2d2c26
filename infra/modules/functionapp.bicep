// The Function App that runs Refunds.Functions as a custom handler.
//
// Plan: Flex Consumption (FC1). It is the serverless Linux plan that runs custom handlers and works
// with a storage account that has shared-key access disabled: the deployment package sits in a blob
// container read with the app's managed identity, and no Azure Files content share is needed.
// Elastic Premium needs that content share (only reachable with an account key), and Linux
// Consumption (Y1) is being retired. On Flex the worker runtime is declared in
// functionAppConfig.runtime (name 'custom'), which is where the platform takes FUNCTIONS_WORKER_RUNTIME
// from: Flex rejects FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION as app settings.

param location string
param planName string
param appName string
param tags object
param storageAccountName string
param queueEndpoint string
param tableEndpoint string
param deploymentContainerUrl string
param applicationInsightsName string

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
  // Identity-based host storage: the host builds blob/queue/table URIs from the account name and
  // authenticates with the system-assigned identity.
  AzureWebJobsStorage__accountName: storageAccountName
  // Connection 'Storage' of the queue triggers (function.json) and the app's own ledger/queue clients.
  Storage__queueServiceUri: queueEndpoint
  Storage__tableServiceUri: tableEndpoint
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
        name: 'custom'
        version: '1.0'
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
