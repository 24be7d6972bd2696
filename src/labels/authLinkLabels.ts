/** Texts of the authLink component (filled in with the component). */
export const authLinkLabels = {};
