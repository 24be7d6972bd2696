/** Texts of the consentList component (filled in with the component). */
export const consentListLabels = {};
