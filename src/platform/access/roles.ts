/** Roles a user or API token can hold, and the record visibilities of the platform. */
export const roles = ['admin', 'analyst', 'investigator', 'border_officer', 'notice_officer', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const visibilities = ['agency', 'shared', 'network', 'public'] as const;
/**
 * `agency`: the owner only; `shared`: the owner and named agencies; `network`: every member
 * agency; `public`: everyone, including the public pages of later capabilities.
 */
export type Visibility = (typeof visibilities)[number];

export const agencyKinds = ['police', 'national_central_bureau', 'hotline', 'border_agency', 'other'] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
