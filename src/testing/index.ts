// `basiq-react/testing`: the stateful mock Basiq (createBasiqMock,
// startMockBasiqServer) arrives with the mock issue. The entry exists now so the
// package's export map is final from the first release.
export {};
