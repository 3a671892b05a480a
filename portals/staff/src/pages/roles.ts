/** The realm roles Plein knows, with the key of their readable name ("Redactie", not "editor"). */
export const ROLE_NAMES: Record<string, string> = {
  employee: 'role.employee',
  mentor: 'role.mentor',
  editor: 'role.editor',
  moderator: 'role.moderator',
  admin: 'role.admin',
  client: 'role.client',
  'client-editor': 'role.clientEditor',
};

export const roleLabel = (t: (key: string) => string, role: string): string => {
  const key = ROLE_NAMES[role];
  return key ? t(key) : role;
};
