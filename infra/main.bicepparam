using 'main.bicep'

// Every environment-specific value comes from the deploying shell's environment (see
// docs/OPERATIONS.md); a missing variable stops the deployment here instead of deploying a
// placeholder or an empty secret. Secrets are never written to this file.
param baseName = readEnvironmentVariable('REFUNDS_BASE_NAME', 'refunds')

param intacctSenderId = readEnvironmentVariable('INTACCT_SENDER_ID')
param intacctCompanyId = readEnvironmentVariable('INTACCT_COMPANY_ID')
param intacctUserId = readEnvironmentVariable('INTACCT_USER_ID')
param authIssuer = readEnvironmentVariable('AUTH_ISSUER')
param authAudience = readEnvironmentVariable('AUTH_AUDIENCE')
param authMetadataAddress = readEnvironmentVariable('AUTH_METADATA_ADDRESS')

param stripeApiKey = readEnvironmentVariable('STRIPE_API_KEY')
param stripeWebhookSecret = readEnvironmentVariable('STRIPE_WEBHOOK_SECRET')
param stripeWebhookSecretNext = readEnvironmentVariable('STRIPE_WEBHOOK_SECRET_NEXT', '')
param intacctSenderPassword = readEnvironmentVariable('INTACCT_SENDER_PASSWORD')
param intacctUserPassword = readEnvironmentVariable('INTACCT_USER_PASSWORD')
param listingTokenKey = readEnvironmentVariable('LISTING_TOKEN_KEY')
