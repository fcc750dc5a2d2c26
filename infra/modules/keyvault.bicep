// Key Vault holding the app's secrets. The app never reads the vault itself: its app settings are
// Key Vault references, resolved by the platform with the app's managed identity.

param location string
param name string
param tags object

@secure()
param stripeApiKey string
@secure()
param stripeWebhookSecret string
@secure()
@description('Second webhook signing secret, only while rotating; ignored unless includeNextWebhookSecret.')
param stripeWebhookSecretNext string
@description('True while rotating the webhook secret: store stripeWebhookSecretNext and reference it.')
param includeNextWebhookSecret bool
@secure()
param intacctSenderPassword string
@secure()
param intacctUserPassword string
@secure()
@description('Signs the continuation tokens of the refund lists.')
param listingTokenKey string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource stripeApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'stripe-api-key'
  properties: {
    value: stripeApiKey
  }
}

resource stripeWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'stripe-webhook-secret'
  properties: {
    value: stripeWebhookSecret
  }
}

resource stripeWebhookSecretNextSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (includeNextWebhookSecret) {
  parent: vault
  name: 'stripe-webhook-secret-next'
  properties: {
    value: stripeWebhookSecretNext
  }
}

resource intacctSenderPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'intacct-sender-password'
  properties: {
    value: intacctSenderPassword
  }
}

resource intacctUserPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'intacct-user-password'
  properties: {
    value: intacctUserPassword
  }
}

resource listingTokenKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'listing-token-key'
  properties: {
    value: listingTokenKey
  }
}

// Versionless secret URIs: the platform picks up a new secret version on its refresh cycle or
// at the next app restart / settings change, without redeploying the app.
func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

var requiredReferences = {
  Stripe__ApiKey: keyVaultReference(stripeApiKeySecret.properties.secretUri)
  Stripe__WebhookSecrets__0: keyVaultReference(stripeWebhookSecretSecret.properties.secretUri)
  Intacct__SenderPassword: keyVaultReference(intacctSenderPasswordSecret.properties.secretUri)
  Intacct__UserPassword: keyVaultReference(intacctUserPasswordSecret.properties.secretUri)
  Listing__TokenKeys__0: keyVaultReference(listingTokenKeySecret.properties.secretUri)
}

@description('App settings (name to Key Vault reference); holds no secret values.')
output appSettingReferences object = union(
  requiredReferences,
  includeNextWebhookSecret
    ? { Stripe__WebhookSecrets__1: keyVaultReference(stripeWebhookSecretNextSecret!.properties.secretUri) }
    : {}
)

output name string = vault.name
