/** Texts of the connectionStatus component (filled in with the component). */
export const connectionStatusLabels = {};
