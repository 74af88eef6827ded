// Where to find Ollama: an explicit setting, else OLLAMA_HOST read the way the ollama CLI reads it, else the default.
import { EngramError } from '../../errors';

/** The address the ollama CLI and server use when OLLAMA_HOST is unset. */
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/** A resolved Ollama base URL and where it came from (shown by the doctor). */
export interface ResolvedOllamaHost {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:11434`. */
  readonly url: string;
  readonly source: 'setting' | 'env' | 'default';
}

/**
 * Parses a host value as the ollama CLI parses OLLAMA_HOST (envconfig.Host): surrounding spaces and quotes are
 * dropped; no scheme means http on port 11434; `http://` defaults to port 80 and `https://` to 443; a bare IP
 * (v4 or v6) or name keeps the default port; an invalid port falls back to the default; an empty host means
 * 127.0.0.1; a path is kept (reverse proxies). One deliberate difference: the unspecified bind addresses
 * `0.0.0.0` and `::` (what people set so the server listens everywhere) are connected to as loopback, which
 * is what they mean and works on every OS.
 */
export function parseOllamaHost(value: string): string {
  const cleaned = value.trim().replace(/^["']+|["']+$/g, '').trim();
  let scheme = 'http';
  let rest = cleaned;
  let defaultPort = '11434';
  const schemeAt = cleaned.indexOf('://');
  if (schemeAt >= 0) {
    scheme = cleaned.slice(0, schemeAt).toLowerCase();
    rest = cleaned.slice(schemeAt + 3);
    if (scheme === 'http') defaultPort = '80';
    else if (scheme === 'https') defaultPort = '443';
    else throw new EngramError('INVALID_INPUT', `Ollama host "${value}": only http:// and https:// are supported`);
  }
  const slashAt = rest.indexOf('/');
  const hostport = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
  const path = slashAt >= 0 ? rest.slice(slashAt + 1).replace(/\/+$/, '') : '';

  let host: string;
  let port: string;
  const split = splitHostPort(hostport);
  if (split) {
    ({ host, port } = split);
  } else {
    host = '127.0.0.1';
    port = defaultPort;
    const bare = hostport.replace(/^\[|\]$/g, '');
    if (bare !== '') host = bare;
  }
  if (host === '') host = '127.0.0.1';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) port = defaultPort;
  if (host === '0.0.0.0') host = '127.0.0.1';
  if (host === '::' || host === '0:0:0:0:0:0:0:0') host = '::1';

  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `${scheme}://${hostPart}:${port}${path ? `/${path}` : ''}`;
  try {
    new URL(url);
  } catch {
    throw new EngramError('INVALID_INPUT', `Ollama host "${value}" is not a valid address`);
  }
  return url;
}

/**
 * Picks the Ollama base URL: a non-empty explicit setting wins, then a non-empty OLLAMA_HOST, then the default.
 * Throws EngramError INVALID_INPUT when the chosen value cannot be an HTTP address.
 */
export function resolveOllamaHost(
  setting?: string | null,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedOllamaHost {
  if (setting != null && setting.trim() !== '') return { url: parseOllamaHost(setting), source: 'setting' };
  const fromEnv = env['OLLAMA_HOST'];
  if (fromEnv != null && fromEnv.replace(/["'\s]/g, '') !== '') return { url: parseOllamaHost(fromEnv), source: 'env' };
  return { url: DEFAULT_OLLAMA_HOST, source: 'default' };
}

/** Go's net.SplitHostPort: `host:port` or `[v6]:port`; null when there is no port part (or too many colons). */
function splitHostPort(hostport: string): { host: string; port: string } | null {
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0 || hostport[close + 1] !== ':') return null;
    return { host: hostport.slice(1, close), port: hostport.slice(close + 2) };
  }
  const first = hostport.indexOf(':');
  if (first < 0 || first !== hostport.lastIndexOf(':')) return null;
  return { host: hostport.slice(0, first), port: hostport.slice(first + 1) };
}
