/** Texts of the mfaForm component (filled in with the component). */
export const mfaFormLabels = {};
