// Settings: the Ollama host, the doctor's report, choosing the embedding model, and agents' access over MCP.
import { create } from 'zustand';
import type { OllamaDoctorReport } from '../../../shared/ipc-contract';
import type { AgentAccess, AgentList, EmbeddingChoice, EngramSettings } from '../../../shared/models';
import { api, AppError, messageOf, unwrap } from '../lib/api';
import { useReembedStore } from './reembed-store';
import { useStatusStore } from './status-store';
import { useUiStore } from './ui-store';

interface SettingsState {
  settings: EngramSettings | null;
  doctor: OllamaDoctorReport | null;
  doctorLoading: boolean;
  doctorError: string | null;
  agents: AgentList | null;
  agentsError: string | null;
  savingHost: boolean;
  /** Why the host typed last could not be saved (shown under the field; nothing was saved). */
  hostError: string | null;
  choosing: boolean;
  /** Loads settings, the doctor's report and the agents (when the Settings view opens). */
  load(): Promise<void>;
  runDoctor(): Promise<void>;
  /** Saves the Ollama host; a value that is not an address sets hostError instead (no toast). */
  saveHost(host: string): Promise<void>;
  clearHostError(): void;
  /** Uses a model: switches at once when nothing would mix, else opens the re-embed wizard for it. */
  choose(choice: EmbeddingChoice): Promise<void>;
  loadAgents(): Promise<void>;
  setAgentAccess(name: string, access: AgentAccess | null): Promise<void>;
  setDefaultAccess(access: AgentAccess): Promise<void>;
}

const initial = () => ({
  settings: null,
  doctor: null,
  doctorLoading: false,
  doctorError: null,
  agents: null,
  agentsError: null,
  savingHost: false,
  hostError: null,
  choosing: false,
});

let doctorSeq = 0;

/** The settings store. */
export const useSettingsStore = create<SettingsState>()((set, get) => ({
  ...initial(),
  load: async () => {
    try {
      set({ settings: await unwrap(api().settings.get()) });
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: `Could not read settings: ${messageOf(error)}` }, 8000);
    }
    await Promise.all([get().runDoctor(), get().loadAgents(), useReembedStore.getState().refresh()]);
  },
  runDoctor: async () => {
    const seq = ++doctorSeq;
    set({ doctorLoading: true });
    const space = useStatusStore.getState().status?.activeSpace;
    const model = space?.provider === 'ollama' ? space.model : undefined;
    try {
      const doctor = await unwrap(api().ollama.doctor(model ? { model } : {}));
      if (seq === doctorSeq) set({ doctor, doctorError: null });
    } catch (error) {
      if (seq === doctorSeq) set({ doctorError: messageOf(error) });
    } finally {
      if (seq === doctorSeq) set({ doctorLoading: false });
    }
  },
  saveHost: async (host) => {
    set({ savingHost: true, hostError: null });
    try {
      const settings = await unwrap(api().settings.update({ ollamaHost: host.trim() ? host.trim() : null }));
      set({ settings });
      useUiStore.getState().showToast({ kind: 'info', message: settings.ollamaHost ? `Ollama host set to ${settings.ollamaHost}` : 'Ollama host reset to the default' }, 3000);
      await get().runDoctor();
      void useStatusStore.getState().refresh();
    } catch (error) {
      // The field's own problem: said under the field, where the text is, not in a toast.
      set({ hostError: hostErrorText(error) });
    } finally {
      set({ savingHost: false });
    }
  },
  clearHostError: () => set({ hostError: null }),
  choose: async (choice) => {
    set({ choosing: true });
    try {
      const result = await unwrap(api().embedding.choose(choice));
      if (result.outcome === 'reembed-needed') {
        useReembedStore.getState().openWizard(choice);
      } else {
        useUiStore.getState().showToast({ kind: 'info', message: result.message }, 4000);
      }
      void useStatusStore.getState().refresh();
      void useReembedStore.getState().refresh();
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
    } finally {
      set({ choosing: false });
    }
  },
  loadAgents: async () => {
    try {
      set({ agents: await unwrap(api().agents.list()), agentsError: null });
    } catch (error) {
      set({ agentsError: messageOf(error) });
    }
  },
  setAgentAccess: async (name, access) => {
    try {
      set({ agents: await unwrap(api().agents.setAccess({ name, access })) });
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
    }
  },
  setDefaultAccess: async (access) => {
    try {
      set({ agents: await unwrap(api().agents.setDefault({ access })) });
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
    }
  },
}));

/** Why a host could not be saved, as a sentence for under the field (the core says 'Ollama host "x" is not …'). */
function hostErrorText(error: unknown): string {
  if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') return `Could not save the host: ${messageOf(error)}`;
  const reason = /only http:\/\/ and https:\/\//i.test(error.message)
    ? 'Only addresses that start with http:// or https:// work'
    : 'That is not an address Engram can use';
  return `${reason}. Nothing was saved; write it like http://127.0.0.1:11434 or 192.168.1.20:11434.`;
}

/** Resets the store (tests). */
export function resetSettingsStore(): void {
  doctorSeq++;
  useSettingsStore.setState(initial());
}
