import { createHash, randomBytes } from 'node:crypto';
import { ApiClientRepository } from '../../db/repositories/api-client.repository.js';
import { isUniqueViolation } from '../../db/repositories/idempotency.repository.js';
import type { ApiClientRow } from '../../db/schema.js';
import { checkedAllowedAddresses } from '../../domain/address-allowlist.js';
import { type ApiScope, parseScopes } from '../../domain/api-scopes.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';

/** A client whose key a request presented, as the routes and the call record see it. */
export interface AuthenticatedClient {
  id: number;
  name: string;
  unitId: number | null;
  scopes: ApiScope[];
  requireSignature: boolean;
  /** The addresses and networks it may call from; empty: any. */
  allowedAddresses: string[];
  /** SHA-256 (hex) of the presented key: also the key of its HMAC signatures. */
  signingKey: string;
}

export interface ClientSettings {
  name: string;
  scopes: ApiScope[];
  unitId: number | null;
  requireSignature: boolean;
  allowedAddresses: string[];
}

/** The stored list of addresses (a JSON array). */
const addressesOf = (row: Pick<ApiClientRow, 'allowed_addresses'>): string[] =>
  JSON.parse(row.allowed_addresses) as string[];

/** SHA-256 of a key, hex. Keys are 256 random bits, so a fast hash suffices (no guessing to slow down). */
export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new key: `hy_` and 43 base64url characters (256 bits). */
export const newKey = () => `hy_${randomBytes(32).toString('base64url')}`;

const MAX_OVERLAP_HOURS = 24 * 30;

/**
 * Machine clients (the city platform, an Open311 app): created by the administrator with a
 * name, scopes and a key shown once; keys stored hashed; rotation keeps the old key working for
 * an overlap; revocation is effective at the next request. Every change is audited in its transaction.
 */
export class ApiClientService {
  private readonly repo: ApiClientRepository;

  constructor(private readonly ctx: AppContext) {
    this.repo = new ApiClientRepository(ctx.db.kysely);
  }

  async create(
    settings: ClientSettings,
    who: AuditWho,
    key = newKey(),
  ): Promise<{ id: number; key: string }> {
    const at = this.ctx.clock.now().toISOString();
    const allowedAddresses = checkedAllowedAddresses(settings.allowedAddresses);
    try {
      const id = await this.ctx.db.kysely.transaction().execute(async (trx) => {
        const repo = this.repo.with(trx);
        const id = await repo.insert({
          name: settings.name,
          scopes: JSON.stringify(settings.scopes),
          unit_id: settings.unitId,
          require_signature: settings.requireSignature ? 1 : 0,
          allowed_addresses: JSON.stringify(allowedAddresses),
          active: 1,
          created_at: at,
        });
        await repo.addKey(id, hashKey(key), key.slice(0, 10), at);
        await this.ctx.audit.record(trx, {
          ...who,
          action: 'api_client.created',
          target: `api_client:${id}`,
          detail: settings.name,
          after: { ...settings, allowedAddresses },
        });
        return id;
      });
      return { id, key };
    } catch (err) {
      if (isUniqueViolation(err))
        refuse('conflict', 'API_CLIENT_NAME_TAKEN', `已有名为「${settings.name}」的接口客户端。`);
      throw err;
    }
  }

  async update(id: number, patch: Omit<ClientSettings, 'name'>, who: AuditWho): Promise<void> {
    const allowedAddresses = checkedAllowedAddresses(patch.allowedAddresses);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const repo = this.repo.with(trx);
      const before = await this.live(repo, id);
      await repo.update(id, {
        scopes: JSON.stringify(patch.scopes),
        unit_id: patch.unitId,
        require_signature: patch.requireSignature ? 1 : 0,
        allowed_addresses: JSON.stringify(allowedAddresses),
      });
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'api_client.updated',
        target: `api_client:${id}`,
        detail: before.name,
        before: {
          scopes: parseScopes(before.scopes),
          unitId: before.unit_id,
          requireSignature: before.require_signature === 1,
          allowedAddresses: addressesOf(before),
        },
        after: { ...patch, allowedAddresses },
      });
    });
  }

  /** A new key; the current ones keep working for `overlapHours` (0: they stop at once). */
  async rotate(
    id: number,
    overlapHours: number,
    who: AuditWho,
  ): Promise<{ key: string; oldKeysExpireAt: string }> {
    if (!(overlapHours >= 0 && overlapHours <= MAX_OVERLAP_HOURS)) {
      refuse('invalid', 'OVERLAP_INVALID', `新旧密钥并行期须在 0 到 ${MAX_OVERLAP_HOURS} 小时之间。`);
    }
    const now = this.ctx.clock.now();
    const until = new Date(now.getTime() + overlapHours * 3600_000).toISOString();
    const key = newKey();
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const repo = this.repo.with(trx);
      const client = await this.live(repo, id);
      await repo.expireCurrentKeys(id, until);
      await repo.addKey(id, hashKey(key), key.slice(0, 10), now.toISOString());
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'api_client.updated',
        target: `api_client:${id}`,
        detail: `${client.name}：轮换密钥，旧密钥 ${until} 失效`,
        after: { rotated: true, oldKeysExpireAt: until },
      });
    });
    return { key, oldKeysExpireAt: until };
  }

  async revoke(id: number, reason: string, who: AuditWho): Promise<void> {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const repo = this.repo.with(trx);
      const client = await this.live(repo, id);
      await repo.revoke(id, this.ctx.clock.now().toISOString());
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'api_client.revoked',
        target: `api_client:${id}`,
        detail: `${client.name}：${reason}`,
      });
    });
  }

  /** Every client with its keys (prefixes only) and its calls over the last 24 hours. */
  async overview() {
    const now = this.ctx.clock.now();
    const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
    const stats = new Map((await this.repo.callStats(since)).map((s) => [s.client_id, s]));
    const clients = await this.repo.list();
    return Promise.all(
      clients.map(async (c) => {
        const s = stats.get(c.id);
        const calls = Number(s?.calls ?? 0);
        const errors = Number(s?.errors ?? 0);
        const keys = await this.repo.keysOf(c.id);
        return {
          id: c.id,
          name: c.name,
          scopes: parseScopes(c.scopes),
          unitId: c.unit_id,
          requireSignature: c.require_signature === 1,
          allowedAddresses: addressesOf(c),
          active: c.active === 1,
          createdAt: c.created_at,
          revokedAt: c.revoked_at,
          keys: keys.map((k) => ({
            prefix: k.key_prefix,
            createdAt: k.created_at,
            expiresAt: k.expires_at,
            live: k.expires_at === null || k.expires_at > now.toISOString(),
          })),
          last24h: {
            calls,
            errors,
            errorRate: calls === 0 ? 0 : errors / calls,
            lastCallAt: s?.last_at ?? null,
          },
        };
      }),
    );
  }

  async lastCalls(id: number, limit = 50) {
    const rows = await this.repo.lastCalls(id, limit);
    return rows.map((r) => ({
      at: r.at,
      method: r.method,
      route: r.route,
      status: r.status,
      errorCode: r.error_code,
      durationMs: r.duration_ms,
    }));
  }

  /** The client of a presented key, if the key is live; null otherwise (unknown, expired, revoked). */
  async authenticate(key: string): Promise<AuthenticatedClient | null> {
    const signingKey = hashKey(key);
    const row = await this.repo.findByKeyHash(signingKey, this.ctx.clock.now().toISOString());
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      unitId: row.unit_id,
      scopes: parseScopes(row.scopes),
      requireSignature: row.require_signature === 1,
      allowedAddresses: addressesOf(row),
      signingKey,
    };
  }

  private async live(repo: ApiClientRepository, id: number): Promise<ApiClientRow> {
    const client = await repo.findById(id);
    if (!client) return refuse('not_found', 'API_CLIENT_NOT_FOUND', '接口客户端不存在。');
    if (client.active !== 1) refuse('state', 'API_CLIENT_REVOKED', `接口客户端「${client.name}」已吊销。`);
    return client;
  }
}
