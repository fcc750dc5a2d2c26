// The one storage account: the Functions host's own storage (AzureWebJobsStorage), which is also
// where Durable Functions' Azure Storage provider keeps the task hub (its control and work-item
// queues, history and instance tables, lease and large-message containers, all created by the
// provider at run time), the app's ledger and reconciliation tables, and the deployment package container.
// The app has no queues of its own: the workflow's messages are the task hub's.

param location string
param name string
param deploymentContainerName string
param tags object

@description('The business ledger table the app reads and writes with Azure.Data.Tables (Storage__TableServiceUri).')
param ledgerTableName string = 'refunds'

@description('Reconciliation runs, findings and the activity index: the app\'s default Storage__ReconciliationTableName, the ledger\'s name followed by "recon".')
param reconciliationTableName string = '${ledgerTableName}recon'

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Every client (host, Durable provider, app, deployment) authenticates with Entra ID; no
    // account key or SAS exists in any configuration.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource ledgerTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = {
  parent: tableService
  name: ledgerTableName
}

resource reconciliationTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = {
  parent: tableService
  name: reconciliationTableName
}

output name string = account.name
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
