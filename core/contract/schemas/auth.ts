import { z } from 'zod';
import { RoleSchema } from '../roles.js';

export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{2,32}$/, '用户名为 2–32 位字母、数字、点、下划线或连字符');

export const PasswordSchema = z.string().min(8, '密码至少 8 位').max(128);

export const LoginInputSchema = z.object({ username: UsernameSchema, password: z.string().min(1).max(128) });

export const SessionSchema = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
});
export type Session = z.infer<typeof SessionSchema>;

export const UserSchema = SessionSchema.extend({ createdAt: z.string() });
export type User = z.infer<typeof UserSchema>;

export const AddUserInputSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(64),
  roles: z.array(RoleSchema).min(1),
  password: PasswordSchema,
});
export type AddUserInput = z.infer<typeof AddUserInputSchema>;
