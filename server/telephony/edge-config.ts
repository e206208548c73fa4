/**
 * Renders the SIP edge's configuration from the platform config: Kamailio's config from
 * kamailio.cfg.tmpl (every {{NAME}} replaced, an unknown or missing one is an error) and rtpengine's
 * command line. Pure: the launcher writes the result into its run directory.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PlatformConfig, SipConfig } from '../config';

export const KAMAILIO_TEMPLATE = fileURLToPath(new URL('./kamailio.cfg.tmpl', import.meta.url));

/** Requests per 2-second window one source may send outside dialogs before pike drops it. */
export const DEFAULT_FLOOD_LIMIT = 400;
const MAX_MESSAGE_BYTES = 16384;
/** how long an agent's phone may ring before the leg counts as failed (it auto-answers in the design) */
const AGENT_RING_MS = 15_000;

export interface EdgeRender {
  kamailioCfg: string;
  rtpengineArgs: string[];
}

export interface RenderOptions {
  moduleDir: string;
  /** Kamailio's worker processes per transport */
  children?: number;
}

/** A value inside a Kamailio double-quoted string. */
function cfgString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** The host:port of a SIP URI such as `sip:127.0.0.1:5070;transport=udp` (parameters kept). */
export function gatewayHostPort(uri: string): string {
  return uri.replace(/^sips?:/, '').replace(/^[^@]*@/, '');
}

export function renderEdge(config: PlatformConfig, options: RenderOptions, template = readFileSync(KAMAILIO_TEMPLATE, 'utf8')): EdgeRender {
  const sip: SipConfig | undefined = config.sip;
  if (!sip) throw new Error('the config has no `sip` block: the SIP edge needs one (see docs/telephony.md)');
  const longestTtlSeconds = Math.max(60, ...config.queues.map((q) => q.ttlSeconds));
  const longestOfferSeconds = Math.max(30, ...config.queues.map((q) => q.offerTimeoutSeconds));
  const values: Record<string, string> = {
    HOST: sip.listen.host,
    UDP_PORT: String(sip.listen.udpPort),
    WS_PORT: String(sip.listen.wsPort),
    DOMAIN: cfgString(sip.domain),
    SECRET: cfgString(sip.secret),
    CONTROL_HOST: sip.controlHost,
    CONTROL_PORT: String(sip.controlPort),
    NG_PORT: String(sip.ngPort),
    GATEWAY_HOSTPORT: cfgString(gatewayHostPort(sip.gateway)),
    MODULE_DIR: cfgString(options.moduleDir.endsWith('/') ? options.moduleDir : `${options.moduleDir}/`),
    CHILDREN: String(options.children ?? 4),
    AGENT_RING_MS: String(AGENT_RING_MS),
    // the caller waits up to the TTL, then rings agents; a margin keeps tm from ending it first
    MAX_INVITE_LIFETIME_MS: String((longestTtlSeconds + longestOfferSeconds + 120) * 1000),
    MAX_INVITE_LIFETIME_S: String(longestTtlSeconds + longestOfferSeconds + 120),
    PIKE_REQUESTS_PER_UNIT: String(sip.floodLimit ?? DEFAULT_FLOOD_LIMIT),
    MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
  };
  const kamailioCfg = template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`kamailio.cfg.tmpl names {{${name}}}, which the renderer does not know`);
    return value;
  });
  const rtpengineArgs = [
    '--foreground',
    '--table=-1',
    '--config-file=none',
    `--interface=${sip.listen.host}`,
    `--listen-ng=${sip.controlHost}:${sip.ngPort}`,
    `--port-min=${sip.media.portMin}`,
    `--port-max=${sip.media.portMax}`,
    '--log-stderr',
    '--log-level=5',
    '--delete-delay=0',
  ];
  return { kamailioCfg, rtpengineArgs };
}
