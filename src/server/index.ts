// `basiq-react/server`: the token endpoint and the server-only Core operations
// (createTokenHandler, createBasiqServerClient) arrive with the server-entry issue.
// The entry exists now so the package's export map is final from the first release.
export {};
