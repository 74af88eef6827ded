// How much one change from a connected folder may forget without the person confirming: the same rule and limits as
// re-imports (src/core/import/forget-guard.ts), with the reasons worded for a folder that is watched.
import { allowedWithoutConfirmation, type ForgetPlan, type ForgetVerdict } from '../import/forget-guard';

export type { ForgetPlan, ForgetVerdict };

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

function count(notes: number): string {
  return `${notes.toLocaleString('en')} ${notes === 1 ? 'note' : 'notes'}`;
}
