/** The defaults a test can rely on: API key, base URL, the MFA answer every prompt accepts. */
export const MOCK_DEFAULTS = {
  baseUrl: 'https://au-api.basiq.io',
  apiKey: 'test-api-key',
  mfaAnswer: '123456',
  tokenTtlSeconds: 3600,
  mfaExpiryMs: 120_000,
} as const;

/** The banks the mock knows (the consent stand-in page lists them). */
export const INSTITUTIONS: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'AU00000', name: 'Hooli Bank' },
  { id: 'AU00001', name: 'Pied Piper Credit Union' },
  { id: 'AU20700', name: 'myGov' },
];

/** Basiq's event types (`GET /events/types`), as its API lists them. */
export const EVENT_TYPES: ReadonlyArray<{ id: string; description: string }> = [
  { id: 'account.updated', description: 'when an account is updated' },
  { id: 'connection.activated', description: 'when a connection is activated' },
  { id: 'connection.created', description: 'when a connection is created' },
  { id: 'connection.deleted', description: 'when a connection is deleted' },
  { id: 'connection.invalidated', description: 'when a connection is invalidated' },
  { id: 'consent.created', description: 'when a consent is created' },
  { id: 'consent.expired', description: 'when a consent is expired' },
  {
    id: 'consent.reminder',
    description: 'when a consent has been active for 90 days since the last update',
  },
  { id: 'consent.revoked', description: 'when a consent is revoked' },
  { id: 'consent.updated', description: 'when a consent is updated' },
  { id: 'consent.warning', description: 'when a consent is about to expire' },
  { id: 'transactions.updated', description: 'when transactions are updated' },
  { id: 'user.created', description: 'when an user is created' },
  { id: 'user.deleted', description: 'when an user is deleted' },
  { id: 'user.updated', description: 'when an user is updated' },
];

const permission = (
  scope: string,
  entity: string,
  name: string,
  description: string,
  attributeList: string[],
) => ({
  scope,
  required: true,
  consented: true,
  entity,
  information: { name, description, attributeList },
  purpose: { title: name, description },
});

/** What every mock consent asks for: Basiq's own example consent. */
export const CONSENT_TEMPLATE = {
  purpose: {
    primary: {
      title: 'Share your financial data',
      description:
        'We need to connect to your bank to collect some information about your finances',
    },
    other: null,
  },
  data: {
    retainData: true,
    initialRetrievalDays: 730,
    organisation: null,
    permissions: [
      permission(
        'account.basic',
        'account',
        'Account name, type and balance',
        'This allows access to a list of your accounts and their current balance.',
        ['Name of account', 'Type of account', 'Account balance'],
      ),
      permission(
        'transaction.detail',
        'transaction',
        'Transaction details',
        'This allows access to transaction data for your accounts.',
        ['Incoming and outgoing transactions', 'Amounts', 'Dates', 'Descriptions of transactions'],
      ),
      permission(
        'customer.person.detail',
        'connection',
        'Name, occupation, contact details',
        'This allows access to personally identifiable information.',
        ['Name', 'Occupation', 'Phone', 'Email address', 'Mail address', 'Residential address'],
      ),
    ],
  },
} as const;
