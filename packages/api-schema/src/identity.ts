import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** Organization roles as on dltHub (users-and-roles). */
export const organizationRoles = ['owner', 'member', 'collaborator'] as const;
export const OrganizationRoleSchema = z.enum(organizationRoles);
export type OrganizationRole = z.infer<typeof OrganizationRoleSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  username: z.string().min(1),
  email: z.string().nullable(),
  name: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const OrganizationSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  created_at: TimestampSchema,
});
export type Organization = z.infer<typeof OrganizationSchema>;

/** An organization as seen by one member: with that member's role. */
export const MemberOrganizationSchema = OrganizationSchema.extend({ role: OrganizationRoleSchema });
export type MemberOrganization = z.infer<typeof MemberOrganizationSchema>;

/** `GET /api/v1/me`. */
export const MeSchema = z.object({
  user: UserSchema,
  organizations: z.array(MemberOrganizationSchema),
  /** How the caller authenticated: a login token or an API key. */
  auth: z.enum(['token', 'api_key']),
});
export type Me = z.infer<typeof MeSchema>;
