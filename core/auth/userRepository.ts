import { CourtError, type AddUserInput, type Role, type User } from '../contract/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { hashPassword, verifyPassword } from './password.js';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  created_at: string;
  roles: string | null;
}

const SELECT_USER = `SELECT u.id, u.username, u.display_name, u.password_hash, u.created_at,
  (SELECT group_concat(role, ',') FROM user_roles WHERE user_id = u.id) AS roles
  FROM users u WHERE u.disabled = 0`;

function toUser(row: UserRow): User {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: (row.roles ? row.roles.split(',') : []) as Role[],
    createdAt: row.created_at,
  };
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function listUsers(db: Db): User[] {
  return (db.prepare(`${SELECT_USER} ORDER BY u.id`).all() as UserRow[]).map(toUser);
}

export async function addUser(db: Db, input: AddUserInput, actor: string): Promise<User> {
  const hash = await hashPassword(input.password);
  return db.transaction(() => {
    const exists = db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username);
    if (exists) throw new CourtError('USER_EXISTS', { details: { username: input.username } });
    const { lastInsertRowid } = db
      .prepare('INSERT INTO users (username, display_name, password_hash) VALUES (?, ?, ?)')
      .run(input.username, input.displayName, hash);
    const addRole = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
    for (const role of new Set(input.roles)) addRole.run(lastInsertRowid, role);
    const user = toUser(db.prepare(`${SELECT_USER} AND u.id = ?`).get(lastInsertRowid) as UserRow);
    appendAudit(db, { actor, action: 'user.add', subject: `user:${user.username}`, after: { displayName: user.displayName, roles: user.roles } });
    return user;
  })();
}

/** Checks a password; a wrong user name and a wrong password are indistinguishable to the caller. */
export async function authenticate(db: Db, username: string, password: string): Promise<User> {
  const row = db.prepare(`${SELECT_USER} AND u.username = ?`).get(username) as UserRow | undefined;
  const ok = row ? await verifyPassword(password, row.password_hash) : false;
  db.transaction(() =>
    appendAudit(db, { actor: username, action: ok ? 'auth.login' : 'auth.login-failed', subject: `user:${username}` }),
  )();
  if (!row || !ok) throw new CourtError('BAD_CREDENTIALS');
  return toUser(row);
}
