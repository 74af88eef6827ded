// How much one change from a connected folder may forget without the person confirming: the import guard's rule
// (src/core/import/forget-guard.ts) decides, and only the reasons are worded here, for a folder that is watched.
import { judgeForget as judgeByGuard, type ForgetPlan, type ForgetVerdict } from '../import/forget-guard';

export type { ForgetPlan, ForgetVerdict };

/**
 * Judges a change that would forget notes, by the import guard's rule: an empty folder that still has notes is
 * refused whatever the person said (nothing is forgotten until files are there again), and forgetting more than
 * FORGET_CONFIRMATION allows needs confirmation.
 */
export function judgeForget(plan: ForgetPlan): ForgetVerdict {
  const verdict = judgeByGuard(plan);
  if (verdict.action === 'refuse') {
    return {
      action: 'refuse',
      reason: `${plan.root} is empty, but ${count(plan.missing)} came from it; they stay until files are there again (an unmounted drive, or a sync in progress?). To let them go, remove the folder.`,
    };
  }
  if (verdict.action === 'forget') return verdict;
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
