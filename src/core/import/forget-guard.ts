// The one rule for forgetting notes because their files are gone (a re-import with --delete-missing; connected
// folders use it too): a folder that vanished or was emptied must never wipe a memory.
import { EngramError } from '../errors';

/**
 * How much a single change may forget without the person confirming: at most `notes` notes, or at most `share` of the
 * source's notes, whichever is more. Deleting a file or two from a small folder just works; losing more than a tenth
 * of a vault at once (a sync client emptying it, a folder renamed away, a half-mounted drive) waits for a "yes".
 */
export const FORGET_CONFIRMATION = { notes: 3, share: 0.1 } as const;

/** What a change would forget, and what is known about the source. */
export interface ForgetPlan {
  /** Where the notes came from (a folder or file), for messages. */
  readonly root: string;
  /** Live (not forgotten) notes of the source before the change. */
  readonly sourceNotes: number;
  /** Live notes of the source whose file or record is gone. */
  readonly missing: number;
  /** The source now lists no file at all (an empty or unmounted folder). */
  readonly rootEmpty: boolean;
  /** The person confirmed (CLI --yes, the app's confirmation). */
  readonly confirmed: boolean;
}

/** Forget them; wait for the person's confirmation; or refuse (the source looks unavailable, not emptied on purpose). */
export type ForgetVerdict =
  | { readonly action: 'forget' }
  | { readonly action: 'confirm'; readonly reason: string }
  | { readonly action: 'refuse'; readonly reason: string };

/**
 * Judges a change that would forget notes. An empty source that still has notes is refused whatever the person said
 * (an unmounted drive or a sync client mid-way looks exactly like this; nothing is forgotten until files are there
 * again). Forgetting more than FORGET_CONFIRMATION allows needs confirmation. Anything else may go ahead.
 */
export function judgeForget(plan: ForgetPlan): ForgetVerdict {
  if (plan.missing === 0) return { action: 'forget' };
  if (plan.rootEmpty) {
    return {
      action: 'refuse',
      reason:
        `${plan.root} is empty, but ${count(plan.missing)} came from it, so none of them is forgotten: if it is a drive or a ` +
        'synced folder, make sure it is mounted and synced, then import again. Notes that should go can be forgotten one by one.',
    };
  }
  if (plan.confirmed || plan.missing <= allowedWithoutConfirmation(plan.sourceNotes)) return { action: 'forget' };
  const share = Math.round((plan.missing / Math.max(plan.sourceNotes, plan.missing)) * 100);
  return {
    action: 'confirm',
    reason:
      `${count(plan.missing)} of the ${plan.sourceNotes.toLocaleString('en')} from ${plan.root} (${share}%) came from files that are gone; ` +
      `Engram forgets at most ${FORGET_CONFIRMATION.notes} notes or ${FORGET_CONFIRMATION.share * 100}% of a source at once without asking.`,
  };
}

/** The most notes a change may forget from a source of this size without asking. */
export function allowedWithoutConfirmation(sourceNotes: number): number {
  return Math.max(FORGET_CONFIRMATION.notes, Math.floor(sourceNotes * FORGET_CONFIRMATION.share));
}

/** Throws the refusal as the user's error (exit 1 in the CLI, a message in the app). */
export function refuseForget(verdict: ForgetVerdict): void {
  if (verdict.action === 'refuse') throw new EngramError('INVALID_INPUT', verdict.reason);
}

function count(notes: number): string {
  return `${notes.toLocaleString('en')} ${notes === 1 ? 'note' : 'notes'}`;
}
