/** Records the width a user asked a model for (Ollama's `dimensions`), so a provider can be rebuilt for the space. */
export const spaceRequestedDimensions = /* sql */ `
alter table embedding_spaces add column requested_dimensions integer check (requested_dimensions is null or requested_dimensions > 0);
`;
