// The roles of PRODUCT.md; a module of its own so the client can import the type without the server.
export const ROLES = ['public', 'investor', 'zone_manager', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];
