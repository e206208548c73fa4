/**
 * The platform's configuration (docs/api.md, "Starting the platform"), YAML or JSON, validated
 * with zod. A bad config names the key that is wrong. Plain `password`s are hashed here, at load, and the
 * plain text is dropped. Extensions beyond the contract (documented in server/README.md): `tenant`, `sip`,
 * `iceServers`, `storage`, `store`, `cluster`, `callMediaConfirmation`, `tokenTtlSeconds`, `loginRateLimit`, `passwordCost`, `queueStatsIntervalSeconds`, `limits`,
 * per-agent `channel` (an integration account that speaks for customers) and `supervises`, `integrations`
 * (channel integrations' API keys).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { IceServerSchema } from '../common/api';
import { fieldErrorsFromZod } from '../common/errors';
import { PresenceStateSchema, ScopeSchema, type CapacityBucket, type PresenceState, type Scope } from '../common/vocabulary';
import { apiKeyDigest, digestOfHash, MIN_API_KEY_LENGTH } from './auth/api-keys';
import { costOf, DEFAULT_PASSWORD_COST, hashPassword, isPasswordHash, sameCost } from './auth/passwords';

const name = z.string().trim().min(1, 'must not be empty').max(128);
/** Seconds; fractions allowed so tests can use short timeouts (e.g. 0.5). */
const seconds = z.number({ error: 'must be a number of seconds' }).positive('must be greater than 0');

const count = z.number().int().min(1);
const port = z.number().int().min(1, 'must be a port number (1-65535)').max(65535, 'must be a port number (1-65535)');
const e164 = z.string().regex(/^\+[1-9][0-9]{1,14}$/, 'must be an E.164 number such as +15550100');
const sipUri = z.string().regex(/^sips?:[^\s<>"]+$/, 'must be a SIP URI such as sip:127.0.0.1:5070');

/**
 * The SIP edge (Kamailio + rtpengine) and the agents' credentials for it. Contract keys: domain, listen,
 * gateway, media, secret. Extensions (docs/telephony.md): wsUrl (what logins advertise; default
 * ws://listen.host:wsPort), controlHost (the IPv4 address the edge's two control ports listen on and the
 * platform reaches them at), controlPort (Kamailio's evapi, which the platform connects to), ngPort
 * (rtpengine's control port), credentialTtlSeconds, floodLimit.
 */
const SipConfigSchema = z
  .strictObject({
    domain: z.string().trim().min(1, 'must not be empty').regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address'),
    listen: z
      .strictObject({ host: z.string().min(1).default('127.0.0.1'), udpPort: port.default(5060), wsPort: port.default(5066) })
      .default({ host: '127.0.0.1', udpPort: 5060, wsPort: 5066 }),
    gateway: sipUri,
    media: z.strictObject({ portMin: port.default(30000), portMax: port.default(30999) }).default({ portMin: 30000, portMax: 30999 }),
    /** shared by platform and edge: Kamailio's auth_ephemeral checks `expiry:username` / HMAC-SHA1 with it */
    secret: z.string().min(8, 'must be at least 8 characters'),
    wsUrl: z.string().regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL').optional(),
    /**
     * Where evapi and rtpengine's ng listen and the platform connects. 127.0.0.1 keeps the edge on the
     * platform's machine; with several platform nodes on several machines, an internal address of the edge
     * (docs/scaling.md: neither port has authentication, so a private network or firewall only).
     */
    controlHost: z.ipv4({ error: 'must be an IPv4 address of the edge (e.g. 127.0.0.1 or an internal 10.x address)' }).default('127.0.0.1'),
    controlPort: port.default(5091),
    ngPort: port.default(2223),
    credentialTtlSeconds: seconds.default(12 * 3600),
    /** requests one source may send outside dialogs per 2 s before the edge drops it (pike) */
    floodLimit: z.number().int().min(1).optional(),
  })
  .superRefine((sip, ctx) => {
    if (sip.media.portMin >= sip.media.portMax) ctx.addIssue({ code: 'custom', path: ['media', 'portMax'], message: 'must be greater than portMin' });
    const ports = [
      ['listen.udpPort', sip.listen.udpPort],
      ['listen.wsPort', sip.listen.wsPort],
      ['controlPort', sip.controlPort],
      ['ngPort', sip.ngPort],
    ] as const;
    ports.forEach(([key, value], i) => {
      const clash = ports.slice(0, i).find(([, other]) => other === value);
      if (clash) ctx.addIssue({ code: 'custom', path: key.split('.'), message: `port ${value} is also ${clash[0]}` });
    });
  });

const CapacitySchema = z.strictObject({
  voice: z.number().int().min(0).default(1),
  chat: z.number().int().min(0).default(3),
  email: z.number().int().min(0).default(5),
  task: z.number().int().min(0).default(5),
});

const AgentConfigSchema = z
  .strictObject({
    username: name.regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
    password: z.string().min(1).optional(),
    passwordHash: z.string().refine(isPasswordHash, 'must be scrypt$N$r$p$salt$hash (see `npm run server -- hash-password`)').optional(),
    displayName: z.string().max(200).optional(),
    queues: z.array(name).default([]),
    teams: z.array(name).default([]),
    capacity: CapacitySchema.default({ voice: 1, chat: 3, email: 5, task: 5 }),
    scopes: z.array(ScopeSchema).default(['workitems:read', 'workitems:write']),
    /** an integration account (a messaging channel): may post customer messages and sees every message */
    channel: z.boolean().default(false),
    /** with workitems:admin: a supervisor of these queues and teams only (without it: an admin of all) */
    supervises: z.strictObject({ queues: z.array(name).default([]), teams: z.array(name).default([]) }).optional(),
  })
  .superRefine((agent, ctx) => {
    if (agent.supervises !== undefined && !agent.scopes.includes('workitems:admin')) {
      ctx.addIssue({ code: 'custom', path: ['supervises'], message: 'a supervisor needs the workitems:admin scope' });
    }
    if (agent.supervises !== undefined && agent.channel) ctx.addIssue({ code: 'custom', path: ['supervises'], message: 'a channel account supervises nothing' });
    if ((agent.password === undefined) === (agent.passwordHash === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'give exactly one of password or passwordHash' });
    }
  });

/** A system that injects customers' chats, calls and emails, with an API key sent as its bearer token. */
const IntegrationConfigSchema = z
  .strictObject({
    name: name.regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
    apiKey: z.string().min(MIN_API_KEY_LENGTH, `must be at least ${MIN_API_KEY_LENGTH} characters (make one with \`npm run server -- new-api-key\`)`).max(200).optional(),
    apiKeyHash: z.string().refine((h) => digestOfHash(h) !== undefined, 'must be sha256$… (see `npm run server -- new-api-key`)').optional(),
    /** the queues it may put work into (default: any) */
    queues: z.array(name).optional(),
  })
  .superRefine((integration, ctx) => {
    if ((integration.apiKey === undefined) === (integration.apiKeyHash === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'give exactly one of apiKey or apiKeyHash' });
    }
  });

/**
 * What one user may cost everyone else in stored data (docs/security.md, "Bounded storage"): each stored
 * collection a user can grow is capped, or its growth is rated per window, with a clear 4xx/429 past it.
 */
export const LIMIT_DEFAULTS = {
  tokensPerUser: 20,
  idempotencyKeysPerUser: 10_000,
  creationWindowSeconds: 3600,
  writesPerUser: 50_000,
  writesPerChannel: 500_000,
  itemsPerUser: 10_000,
  itemsPerChannel: 100_000,
  callbacksPerUser: 1_000,
  activityPerItem: 1_000,
  campaignEntries: 100_000,
  notesPerItem: 50,
  noteTextPerItem: 32_000,
  messagesPerConversation: 5_000,
};
const LimitsSchema = z
  .strictObject({
    /** live tokens one user holds; a new login revokes the oldest beyond it */
    tokensPerUser: count.max(1000).default(LIMIT_DEFAULTS.tokensPerUser),
    /** Idempotency-Key records one user holds (besides the contract's 24 h); the oldest are dropped beyond it */
    idempotencyKeysPerUser: count.default(LIMIT_DEFAULTS.idempotencyKeysPerUser),
    /** the window the rates below count in */
    creationWindowSeconds: seconds.default(LIMIT_DEFAULTS.creationWindowSeconds),
    /** changes (every POST, PUT and DELETE that stores something) one agent, supervisor or admin makes per window; then 429 */
    writesPerUser: count.default(LIMIT_DEFAULTS.writesPerUser),
    /** the same for one channel account or integration */
    writesPerChannel: count.default(LIMIT_DEFAULTS.writesPerChannel),
    /** work items (incl. callbacks, transfer and conference legs) one agent, supervisor or admin creates per window; then 429 */
    itemsPerUser: count.default(LIMIT_DEFAULTS.itemsPerUser),
    /** work items and chats one channel account or integration creates per window; then 429 */
    itemsPerChannel: count.default(LIMIT_DEFAULTS.itemsPerChannel),
    /** callbacks one user (of any role) creates per window; then 429 */
    callbacksPerUser: count.default(LIMIT_DEFAULTS.callbacksPerUser),
    /** entries in one campaign; more is 400 on `entries` */
    campaignEntries: count.max(100_000).default(LIMIT_DEFAULTS.campaignEntries),
    /** notes on one item, and their text in all (characters); past either, 400 on `text` */
    notesPerItem: count.default(LIMIT_DEFAULTS.notesPerItem),
    noteTextPerItem: count.default(LIMIT_DEFAULTS.noteTextPerItem),
    /** entries an item's activity log (timeEvents) keeps: its first and the newest; older ones are dropped */
    activityPerItem: count.min(10).default(LIMIT_DEFAULTS.activityPerItem),
    /** messages in one conversation (shared by its transfer and conference legs); then 400 on `text` */
    messagesPerConversation: count.default(LIMIT_DEFAULTS.messagesPerConversation),
  })
  .default(LIMIT_DEFAULTS);

export type Limits = z.infer<typeof LimitsSchema>;

/**
 * A disposition code as the contract writes it (`resolved`), or with the label the desktop shows for it
 * (`{code: resolved, label: Resolved on first contact}`), an extension; codes without a label show as the code.
 */
const DispositionCodeSchema = z.union([name, z.strictObject({ code: name, label: z.string().trim().min(1, 'must not be empty').max(200).optional() })]);

const QueueConfigSchema = z.strictObject({
  id: name,
  name: z.string().max(200).optional(),
  offerTimeoutSeconds: seconds.default(30),
  wrapUpTimeoutSeconds: seconds.default(120),
  ttlSeconds: seconds.default(3600),
  ronaPresence: PresenceStateSchema.default('not_ready'),
  dispositionCodes: z
    .array(DispositionCodeSchema)
    .min(1, 'a queue needs at least one disposition code')
    .default(['resolved', 'follow_up', 'escalated'])
    .superRefine((codes, ctx) => {
      const seen = new Set<string>();
      codes.forEach((entry, i) => {
        const code = typeof entry === 'string' ? entry : entry.code;
        if (seen.has(code)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate disposition code "${code}"` });
        seen.add(code);
      });
    }),
  autoDispositionCode: name.default('wrap_up_timeout'),
  /** an INVITE to sip:NUMBER@sip.domain enters this queue (docs/api.md, "Telephony") */
  phoneNumbers: z.array(e164).default([]),
});

const ConfigFileSchema = z
  .strictObject({
    listen: z.strictObject({ host: z.string().min(1).default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8600) }).default({ host: '127.0.0.1', port: 8600 }),
    dataDir: z.string().min(1, 'must not be empty').default('./data'),
    tenant: name.default('default'),
    agents: z.array(AgentConfigSchema).min(1, 'configure at least one agent'),
    queues: z.array(QueueConfigSchema).default([]),
    integrations: z.array(IntegrationConfigSchema).default([]),
    /** accepting a call goes accepted → active at once unless the desktop confirms media (POST .../media) */
    callMediaConfirmation: z.boolean().default(false),
    tokenTtlSeconds: seconds.default(12 * 3600),
    loginRateLimit: z
      .strictObject({
        maxFailures: count.default(10),
        windowSeconds: seconds.default(60),
        maxFailuresPerSource: count.default(50),
        maxFailuresPerUser: count.default(100),
        maxLoginsPerUser: count.default(30),
        maxLoginsPerSource: count.default(300),
      })
      .default({ maxFailures: 10, windowSeconds: 60, maxFailuresPerSource: 50, maxFailuresPerUser: 100, maxLoginsPerUser: 30, maxLoginsPerSource: 300 }),
    /**
     * The one scrypt cost of this platform: config passwords, the stand-in for unknown usernames, and
     * every passwordHash (another cost is refused), so every login costs the same.
     */
    passwordCost: z
      .strictObject({
        N: z.number().int().min(1024).max(1_048_576).refine((n) => (n & (n - 1)) === 0, 'must be a power of two').default(DEFAULT_PASSWORD_COST.N),
        r: z.number().int().min(1).max(32).default(DEFAULT_PASSWORD_COST.r),
        p: z.number().int().min(1).max(16).default(DEFAULT_PASSWORD_COST.p),
      })
      .default(DEFAULT_PASSWORD_COST),
    /**
     * Queue figures go to every agent of the queue: at 1,000 agents, every 100 ms would be 10,000 messages a
     * second whatever the work; once a second is as fresh as a person reads them.
     */
    queueStatsIntervalSeconds: seconds.default(1),
    limits: LimitsSchema,
    /** defaults for items outside any queue (team tasks, named-agent items) */
    defaults: z
      .strictObject({
        offerTimeoutSeconds: seconds.default(30),
        wrapUpTimeoutSeconds: seconds.default(120),
        ronaPresence: PresenceStateSchema.default('not_ready'),
        autoDispositionCode: name.default('wrap_up_timeout'),
      })
      .default({ offerTimeoutSeconds: 30, wrapUpTimeoutSeconds: 120, ronaPresence: 'not_ready', autoDispositionCode: 'wrap_up_timeout' }),
    sip: SipConfigSchema.optional(),
    iceServers: z.array(IceServerSchema).optional(),
    /** `full`: every commit is on disk before its answer (survives power loss); `normal`: survives a killed process only */
    storage: z.strictObject({ synchronous: z.enum(['full', 'normal']).default('full') }).default({ synchronous: 'full' }),
    /**
     * The durable store: without it, the SQLite file in dataDir; with `url`, PostgreSQL (docs/scaling.md),
     * the platform then working on a SQLite copy in dataDir that it loads from PostgreSQL at start.
     */
    store: z
      .strictObject({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL, such as postgres://switchboard@db.example:5432/switchboard')
          .refine((url) => URL.canParse(url) && new URL(url).hostname !== '', 'must be a postgres:// URL with a host, such as postgres://switchboard@db.example:5432/switchboard'),
      })
      .optional(),
    /**
     * Several nodes on one PostgreSQL store (docs/scaling.md "Several nodes"): `advertiseUrl` is how the
     * other nodes reach this one's listen address when it routes (they forward to it; default: the listen
     * address as bound, right for nodes on one machine only); `pollMs` how often
     * a waiting node tries to take over and looks up the routing node.
     */
    cluster: z
      .strictObject({
        advertiseUrl: z
          .string()
          .regex(/^http:\/\/[^/\s]+\/?$/, 'must be http://HOST:PORT, the address other nodes reach this node at (TLS ends at the load balancer)')
          .optional(),
        pollMs: z.number().int().min(10).max(10_000).default(250),
      })
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (config.cluster && !config.store) ctx.addIssue({ code: 'custom', path: ['cluster'], message: 'needs store.url: the nodes of a cluster share one PostgreSQL store' });
    const queueIds = new Set<string>();
    config.queues.forEach((queue, i) => {
      if (queueIds.has(queue.id)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'id'], message: `duplicate queue id "${queue.id}"` });
      queueIds.add(queue.id);
    });
    const numbers = new Map<string, string>();
    config.queues.forEach((queue, i) => {
      queue.phoneNumbers.forEach((number, j) => {
        const owner = numbers.get(number);
        if (owner !== undefined) ctx.addIssue({ code: 'custom', path: ['queues', i, 'phoneNumbers', j], message: `${number} already rings queue "${owner}"` });
        numbers.set(number, queue.id);
      });
    });
    const usernames = new Set<string>();
    config.agents.forEach((agent, i) => {
      if (usernames.has(agent.username)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'username'], message: `duplicate username "${agent.username}"` });
      usernames.add(agent.username);
      agent.queues.forEach((q, j) => {
        if (!queueIds.has(q)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'queues', j], message: `unknown queue "${q}"` });
      });
      const cost = agent.passwordHash === undefined ? undefined : costOf(agent.passwordHash);
      if (cost !== undefined && !sameCost(cost, config.passwordCost)) {
        const want = config.passwordCost;
        ctx.addIssue({ code: 'custom', path: ['agents', i, 'passwordHash'], message: `made with scrypt N=${cost.N} r=${cost.r} p=${cost.p}, not this platform's passwordCost (N=${want.N} r=${want.r} p=${want.p}): every login must cost the same; hash it again` });
      }
      agent.supervises?.queues.forEach((q, j) => {
        if (!queueIds.has(q)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'supervises', 'queues', j], message: `unknown queue "${q}"` });
      });
    });
    config.integrations.forEach((integration, i) => {
      if (usernames.has(integration.name)) ctx.addIssue({ code: 'custom', path: ['integrations', i, 'name'], message: `"${integration.name}" is already an agent's or integration's name` });
      usernames.add(integration.name);
      integration.queues?.forEach((q, j) => {
        if (!queueIds.has(q)) ctx.addIssue({ code: 'custom', path: ['integrations', i, 'queues', j], message: `unknown queue "${q}"` });
      });
    });
  });

export interface AgentConfig {
  username: string;
  passwordHash: string;
  displayName: string;
  queues: string[];
  teams: string[];
  capacity: Record<CapacityBucket, number>;
  scopes: Scope[];
  channel: boolean;
  /** a supervisor's queues and teams; null: not a supervisor (an admin when it has workitems:admin) */
  supervises: { queues: string[]; teams: string[] } | null;
}

export interface IntegrationConfig {
  name: string;
  /** SHA-256 of the API key (base64url) */
  apiKeyDigest: string;
  /** null: any queue */
  queues: string[] | null;
}

export interface QueueConfig {
  id: string;
  name: string;
  offerTimeoutSeconds: number;
  wrapUpTimeoutSeconds: number;
  ttlSeconds: number;
  ronaPresence: PresenceState;
  dispositionCodes: string[];
  /** the label of each code that has one in the config (the desktop shows the code itself otherwise) */
  dispositionLabels: Record<string, string>;
  autoDispositionCode: string;
  phoneNumbers: string[];
}

export type SipConfig = Omit<z.infer<typeof SipConfigSchema>, 'wsUrl'> & { wsUrl: string };

type FileConfig = z.infer<typeof ConfigFileSchema>;

export interface PlatformConfig extends Omit<FileConfig, 'agents' | 'queues' | 'sip' | 'integrations'> {
  sip?: SipConfig;
  /** absolute */
  dataDir: string;
  agents: AgentConfig[];
  queues: QueueConfig[];
  integrations: IntegrationConfig[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Validate a parsed config object; `dataDir` is resolved against `baseDir` (the config file's folder). */
export function parseConfig(raw: unknown, baseDir: string): PlatformConfig {
  const result = ConfigFileSchema.safeParse(raw);
  if (!result.success) {
    const lines = fieldErrorsFromZod(result.error).map((f) => `  ${f.path}: ${f.message}`);
    throw new ConfigError(`invalid config:\n${lines.join('\n')}`);
  }
  const file = result.data;
  return {
    ...file,
    dataDir: isAbsolute(file.dataDir) ? file.dataDir : resolve(baseDir, file.dataDir),
    queues: file.queues.map((q) => ({
      ...q,
      name: q.name ?? q.id,
      dispositionCodes: q.dispositionCodes.map((entry) => (typeof entry === 'string' ? entry : entry.code)),
      dispositionLabels: Object.fromEntries(q.dispositionCodes.flatMap((entry) => (typeof entry !== 'string' && entry.label !== undefined ? [[entry.code, entry.label]] : []))),
    })),
    sip: file.sip && { ...file.sip, wsUrl: file.sip.wsUrl ?? `ws://${hostForUrl(file.sip.listen.host)}:${file.sip.listen.wsPort}` },
    agents: file.agents.map((a) => ({
      username: a.username,
      passwordHash: a.passwordHash ?? hashPassword(a.password!, file.passwordCost),
      displayName: a.displayName ?? a.username,
      queues: a.queues,
      teams: a.teams,
      capacity: { ...a.capacity },
      scopes: a.scopes,
      channel: a.channel,
      supervises: a.supervises ?? null,
    })),
    integrations: file.integrations.map((i) => ({
      name: i.name,
      apiKeyDigest: i.apiKey !== undefined ? apiKeyDigest(i.apiKey) : digestOfHash(i.apiKeyHash!)!,
      queues: i.queues ?? null,
    })),
  };
}

/** For the command lines: the config, or null after writing what is wrong to stderr (they then exit 2). */
export function loadConfigForCli(path: string): PlatformConfig | null {
  try {
    return loadConfigFile(path);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${path}: ${err.message}\n`);
    return null;
  }
}

/** Read a YAML or JSON config file (YAML is a superset of JSON, so one parser reads both). */
export function loadConfigFile(path: string): PlatformConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid YAML or JSON: ${(err as Error).message}`);
  }
  return parseConfig(raw, dirname(resolve(path)));
}
