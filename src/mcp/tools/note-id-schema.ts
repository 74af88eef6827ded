import { z } from 'zod';

/** The `id` argument shared by get_note, note_links, forget and restore. */
export const noteIdShape = {
  id: z.number().int().positive().describe('The note id, as returned by recall or remember.'),
};
