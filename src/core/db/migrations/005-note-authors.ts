/** Who wrote each note: 'you' (the person) or an agent's name from its MCP client info. */
export const noteAuthors = /* sql */ `
alter table notes add column author text not null default 'you';
create index notes_author on notes (author);
`;
