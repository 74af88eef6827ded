// How much one change from a connected folder may forget without the person confirming. The rule is the hardening
// issue's mass-forget guard (planned as src/core/import/forget-guard.ts, with the same shapes); until it lands this
// module carries the same rule, and the sync calls it only through judgeForget, so the guard swaps in here alone.

/** Forgetting more than this many notes, and more than this share of a folder's notes, at once needs a "yes". */
export const FORGET_CONFIRMATION = { notes: 3, share: 0.1 } as const;

/** What a change would forget, and what is known about the folder. */
export interface ForgetPlan {
  /** The folder, for messages. */
  readonly root: string;
  /** Live notes of the folder before the change. */
  readonly sourceNotes: number;
  /** Live notes whose file is gone. */
  readonly missing: number;
  /** The folder now lists no file at all (an unmounted drive, a sync client emptying it). */
  readonly rootEmpty: boolean;
  /** The person confirmed (`engram sources sync --yes`, the app's prompt). */
  readonly confirmed: boolean;
}

/** Forget them; wait for the person's confirmation; or refuse (the folder looks unavailable, not emptied on purpose). */
export type ForgetVerdict =
  | { readonly action: 'forget' }
  | { readonly action: 'confirm'; readonly reason: string }
  | { readonly action: 'refuse'; readonly reason: string };

/**
 * Judges a change that would forget notes. An empty folder that still has notes is refused whatever the person said
 * (nothing is forgotten until files are there again). Forgetting more than FORGET_CONFIRMATION allows needs
 * confirmation. Anything else may go ahead.
 */
export function judgeForget(plan: ForgetPlan): ForgetVerdict {
  if (plan.missing === 0) return { action: 'forget' };
  if (plan.rootEmpty) {
    return {
      action: 'refuse',
      reason: `${plan.root} is empty, but ${count(plan.missing)} came from it; they stay until files are there again (an unmounted drive, or a sync in progress?). To let them go, remove the folder.`,
    };
  }
  if (plan.confirmed || plan.missing <= allowedWithoutConfirmation(plan.sourceNotes)) return { action: 'forget' };
  const share = Math.round((plan.missing / Math.max(plan.sourceNotes, plan.missing)) * 100);
  return {
    action: 'confirm',
    reason:
      `${count(plan.missing)} of the ${plan.sourceNotes.toLocaleString('en')} from ${plan.root} (${share}%) came from files that are gone. ` +
      'Nothing was forgotten yet: check the folder, then confirm to forget them (they can be restored).',
  };
}

/** The most notes a change may forget from a folder of this size without asking. */
export function allowedWithoutConfirmation(sourceNotes: number): number {
  return Math.max(FORGET_CONFIRMATION.notes, Math.floor(sourceNotes * FORGET_CONFIRMATION.share));
}

function count(notes: number): string {
  return `${notes.toLocaleString('en')} ${notes === 1 ? 'note' : 'notes'}`;
}
