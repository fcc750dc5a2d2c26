// Refunds on Azure: one storage account (host storage and Durable Functions task hub, ledger table,
// deployment package), Key Vault with the Stripe/Intacct secrets, Application Insights, and a Flex
// Consumption Function App running Refunds.Functions (.NET 10 isolated worker, Durable Functions on
// the Azure Storage provider) with a system-assigned identity. Deploy at resource-group scope:
//   az deployment group create -g <rg> -p infra/main.bicepparam
// No account keys or secrets end up in app settings: storage is reached with the managed identity
// and secrets are Key Vault references. infra/build.sh checks these properties on the compiled
// template (infra/checks/TemplateChecks.cs).

targetScope = 'resourceGroup'

@description('Azure region; Flex Consumption must be available there (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Short lowercase name used in resource names.')
@minLength(2)
@maxLength(10)
param baseName string = 'refunds'

param tags object = {
  application: 'refunds'
}

@description('Upper bound on Flex Consumption instances, across all functions.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// The Azure Storage provider names the hub's queues, tables and containers after it, adding up to 14
// characters (<hub>-largemessages), and Azure Storage allows 63.
@description('Durable Functions task hub: letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'RefundsHub'

@description('Stripe secret API key (sk_live_... / sk_test_... or a restricted key).')
@secure()
param stripeApiKey string

@description('Signing secret (whsec_...) of the Stripe webhook endpoint .../api/webhooks/stripe.')
@secure()
param stripeWebhookSecret string

@description('Only while rotating the webhook secret: the second accepted signing secret. Leave empty otherwise.')
@secure()
param stripeWebhookSecretNext string = ''

@description('Signs the continuation tokens of the refund lists (HMAC-SHA256): at least 32 random characters, the same for every instance of the app.')
@secure()
@minLength(32)
param listingTokenKey string

@description('Sage Intacct Web Services sender id.')
param intacctSenderId string

@secure()
param intacctSenderPassword string

param intacctCompanyId string

@description('Sage Intacct Web Services user id (a dedicated API user).')
param intacctUserId string

@secure()
param intacctUserPassword string

param intacctEndpoint string = 'https://api.intacct.com/ia/xml/xmlgw.phtml'

@description('Issuer the app accepts in bearer JWTs.')
param authIssuer string

@description('Audience the app accepts in bearer JWTs.')
param authAudience string

@description('OpenID Connect metadata document of the issuer (signing keys).')
param authMetadataAddress string

var token = uniqueString(resourceGroup().id, baseName)
var names = {
  storage: take('st${baseName}${token}', 24)
  keyVault: take('kv-${baseName}-${token}', 24)
  plan: 'plan-${baseName}-${token}'
  app: 'func-${baseName}-${token}'
  workspace: 'log-${baseName}-${token}'
  applicationInsights: 'appi-${baseName}-${token}'
  deploymentContainer: 'app-package'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: names.storage
    deploymentContainerName: names.deploymentContainer
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    tags: tags
    name: names.keyVault
    stripeApiKey: stripeApiKey
    stripeWebhookSecret: stripeWebhookSecret
    stripeWebhookSecretNext: stripeWebhookSecretNext
    includeNextWebhookSecret: !empty(stripeWebhookSecretNext)
    intacctSenderPassword: intacctSenderPassword
    intacctUserPassword: intacctUserPassword
    listingTokenKey: listingTokenKey
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.app
    storageAccountName: storage.outputs.name
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    taskHubName: taskHubName
    keyVaultReferences: keyVault.outputs.appSettingReferences
    extraAppSettings: {
      Intacct__Endpoint: intacctEndpoint
      Intacct__SenderId: intacctSenderId
      Intacct__CompanyId: intacctCompanyId
      Intacct__UserId: intacctUserId
      Auth__Issuer: authIssuer
      Auth__Audience: authAudience
      Auth__MetadataAddress: authMetadataAddress
    }
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
