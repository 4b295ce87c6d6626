/**
 * "Server Management: Ensuring the server…": an item that names its own topic. It stands as a passage of its own,
 * and search treats its label like a heading. A module of its own so that search (loaded at every start) does not
 * load the Markdown parser with it.
 */
export const LEAD_LABEL = /^([^:.!?\n]{2,60}):\s+\S/;
