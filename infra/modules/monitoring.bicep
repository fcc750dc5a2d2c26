// Log Analytics workspace and the workspace-based Application Insights component it backs.

param location string
param workspaceName string
param applicationInsightsName string
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Telemetry is accepted only from Entra-authenticated senders (the app's managed identity,
    // granted Monitoring Metrics Publisher), so a leaked connection string cannot inject data.
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
