import type { z } from 'zod';
import type { Role } from './roles.js';

/** Who may call a method: nobody signed in is needed, any signed-in user, or one of the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export type ServiceSpec = Record<string, MethodSpec>;
export type ContractSpec = Record<string, ServiceSpec>;

/** What a caller (renderer, CLI, test) sees: one promise-returning function per method. */
export type ServiceClient<S extends ServiceSpec> = {
  [M in keyof S]: (input: z.input<S[M]['input']>) => Promise<z.output<S[M]['output']>>;
};

/** What an implementation provides: validated input plus the caller's context. */
export type ServiceImpl<S extends ServiceSpec, Ctx> = {
  [M in keyof S]: (input: z.output<S[M]['input']>, ctx: Ctx) => Promise<z.input<S[M]['output']>> | z.input<S[M]['output']>;
};

export type Channel<C extends ContractSpec> = {
  [S in keyof C & string]: `${S}.${keyof C[S] & string}`;
}[keyof C & string];

export function channelsOf<C extends ContractSpec>(contract: C): Channel<C>[] {
  return Object.entries(contract).flatMap(([service, methods]) =>
    Object.keys(methods).map((m) => `${service}.${m}` as Channel<C>),
  );
}

export function lookup(contract: ContractSpec, channel: string): MethodSpec | undefined {
  const dot = channel.indexOf('.');
  if (dot < 0) return undefined;
  const service = channel.slice(0, dot);
  const name = channel.slice(dot + 1);
  if (!Object.hasOwn(contract, service) || !Object.hasOwn(contract[service], name)) return undefined;
  return contract[service][name];
}
