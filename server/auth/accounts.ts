import { CourtError } from '../../core/contract/index.js';
import { generatePassword, hashPassword, verifyPassword } from '../../core/auth/password.js';
import { audit } from '../audit.js';
import { inTransaction, type Pool } from '../db/pool.js';
import type { ServerRole } from './capabilities.js';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
}

interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[] | null;
}

const SELECT_ACCOUNT = `SELECT u.id, u.username, u.display_name, u.password_hash,
  (SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id) AS roles
  FROM users u WHERE NOT u.disabled`;

const toAccount = (r: AccountRow): Account => ({ id: r.id, username: r.username, displayName: r.display_name, roles: r.roles ?? [] });

export async function createUser(
  pool: Pool,
  input: { username: string; displayName: string; roles: readonly ServerRole[]; password: string },
  actor: string,
): Promise<Account> {
  const hash = await hashPassword(input.password);
  return inTransaction(pool, async (db) => {
    const inserted = await db.query<{ id: number }>(
      'INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',
      [input.username, input.displayName, hash],
    );
    if (inserted.rowCount === 0) throw new CourtError('USER_EXISTS', { details: { username: input.username } });
    const id = inserted.rows[0].id;
    for (const role of new Set(input.roles)) await db.query('INSERT INTO user_roles (user_id, role) VALUES ($1, $2)', [id, role]);
    await audit(db, { actor, action: 'user.add', subject: `user:${input.username}`, outcome: 'ok', detail: { roles: [...new Set(input.roles)] } });
    return { id, username: input.username, displayName: input.displayName, roles: [...new Set(input.roles)].sort() };
  });
}

let decoy: Promise<string> | undefined;

/** A wrong user name costs the same scrypt as a wrong password, so timing does not reveal which accounts exist. */
export async function authenticate(pool: Pool, username: string, password: string): Promise<Account> {
  const row = (await pool.query<AccountRow>(`${SELECT_ACCOUNT} AND lower(u.username) = lower($1)`, [username])).rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? (await (decoy ??= hashPassword(generatePassword()))));
  if (!row || !ok) throw new CourtError('BAD_CREDENTIALS');
  return toAccount(row);
}

/** Creates the first administrator on an empty server; returns the password to show once, or null. */
export async function ensureInitialAdmin(pool: Pool, password: string | undefined): Promise<string | null> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (rows[0].n > 0) return null;
  const chosen = password ?? generatePassword();
  try {
    await createUser(pool, { username: 'admin', displayName: '系统管理员', roles: ['admin'], password: chosen }, 'system');
  } catch (err) {
    // Another instance starting at the same moment created it.
    if (err instanceof CourtError && err.code === 'USER_EXISTS') return null;
    throw err;
  }
  return chosen;
}
